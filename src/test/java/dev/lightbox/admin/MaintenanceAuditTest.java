package dev.lightbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobService;
import dev.lightbox.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The maintenance buttons of the settings page (retention sweep, re-analysis) leave an audit entry naming their job. */
class MaintenanceAuditTest extends IntegrationTest {

    @Autowired JobService jobs;

    @Test
    void retentionRunAndReanalysisAreAudited() {
        var api = api();
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID adminId = UUID.fromString(api.get("/api/v1/auth/me", admin).json().get("id").asString());

        var retention = api.post("/api/v1/admin/retention/run", Map.of(), admin);
        assertThat(retention.status()).as(retention.body()).isEqualTo(202);
        assertAudited(api.get("/api/v1/admin/audit?action=retention.run&target=" + retention.json().get("jobId").asString(), admin).json());

        var reanalyse = api.post("/api/v1/admin/analysis/reanalyse", Map.of(), admin);
        assertThat(reanalyse.status()).as(reanalyse.body()).isEqualTo(202);
        String job = reanalyse.json().get("jobId").asString();
        jobs.cancel(adminId, UUID.fromString(job)); // the walk over every library is not this test's business
        assertAudited(api.get("/api/v1/admin/audit?action=analysis.reanalyse-all&target=" + job, admin).json());

        var user = api.newUser();
        assertThat(api.post("/api/v1/admin/retention/run", Map.of(), user.token()).status()).isEqualTo(403);
    }

    private static void assertAudited(JsonNode page) {
        assertThat(page.get("items")).hasSize(1);
        JsonNode entry = page.get("items").get(0);
        assertThat(entry.get("actorEmail").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(entry.get("targetType").asString()).isEqualTo("job");
    }
}
