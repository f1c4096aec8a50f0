package dev.lightbox.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.jobs.JobType;
import dev.lightbox.jobs.JobTypes;
import dev.lightbox.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queued rows written before payloads were records still run: the JSON the earlier code wrote (maps of
 * these field names) reads into each type's record, and the record writes the same fields back.
 */
class PayloadCompatibilityTest extends IntegrationTest {

    private static final String SHA = "a".repeat(64);
    private static final String ID = "0f3c6a0e-6d1b-4c6a-9a53-2a2b7e0e4d11";

    /** Per type, payloads as the map-based code stored them (types added since: as they are written). */
    private static final Map<String, String[]> STORED = Map.ofEntries(
            Map.entry("library.renditions", new String[] {"{\"sha256\":\"" + SHA + "\",\"format\":\"JPEG\",\"sizeBytes\":12345,\"width\":4000,\"height\":3000,\"orientation\":6}"}),
            Map.entry("library.delete-content", new String[] {"{\"sha256\":\"" + SHA + "\",\"keys\":[\"originals/" + SHA + "\",\"derived/" + SHA + "/thumb-400.jpg\"]}"}),
            Map.entry("analysis.photo", new String[] {"{\"sha256\":\"" + SHA + "\",\"format\":\"PNG\",\"sizeBytes\":999,\"width\":640,\"height\":480,\"orientation\":1,\"uprightWidth\":640}"}),
            Map.entry("analysis.library", new String[] {"{\"scope\":\"all\"}", "{\"scope\":\"" + ID + "\"}"}),
            Map.entry("scoring.rescore", new String[] {"{}"}),
            Map.entry("training.taste", new String[] {"{}"}),
            Map.entry("training.model", new String[] {"{\"modelId\":\"" + ID + "\"}"}),
            Map.entry("training.classify", new String[] {"{\"modelId\":\"" + ID + "\",\"version\":2,\"photoId\":\"" + ID + "\"}", "{\"modelId\":\"" + ID + "\",\"version\":1}"}),
            Map.entry("system.noop", new String[] {"{\"sleepMs\":0,\"record\":false}", "{\"sleepMs\":250,\"record\":true}"}),
            Map.entry("culling.group", new String[] {"{}"}),
            Map.entry("analysis.perceptual-hash", new String[] {"{}"}),
            Map.entry("vision.describe", new String[] {"{\"photoId\":\"" + ID + "\",\"fromCache\":false}", "{\"photoId\":\"" + ID + "\",\"fromCache\":true}"}),
            Map.entry("skin.analyse", new String[] {"{\"photoId\":\"" + ID + "\",\"sha256\":\"" + SHA + "\",\"format\":\"JPEG\",\"sizeBytes\":12345,\"width\":4000,\"height\":3000,\"orientation\":6,\"uprightWidth\":3000}"}),
            Map.entry("data.export", new String[] {"{\"exportId\":\"" + ID + "\"}"}),
            Map.entry("transform.restyle", new String[] {"{\"transformId\":\"" + ID + "\"}"}),
            Map.entry("retention.sweep", new String[] {"{}"}),
            Map.entry("library.delete-contents", new String[] {"{\"sha256s\":[\"" + SHA + "\"]}"}),
            Map.entry("storage.delete-objects", new String[] {"{\"keys\":[\"skin/" + SHA + "/crop.jpg\"],\"prefixes\":[]}",
                    "{\"keys\":[],\"prefixes\":[\"exports/" + ID + "/\",\"models/" + ID + "/\"]}"}),
            Map.entry("data.backup", new String[] {"{}"}));

    @Autowired JobTypes types;
    @Autowired PayloadReader reader;
    @Autowired JsonMapper json;

    @Test
    void payloadsStoredByEarlierVersionsReadIntoTheRecordsAndWriteBackUnchanged() {
        for (JobType<?> type : types.all()) {
            if (type.name().startsWith("test.")) continue;
            assertThat(STORED).as("a stored payload sample for " + type.name()).containsKey(type.name());
            for (String stored : STORED.get(type.name())) {
                Record payload = reader.read(type, stored);
                assertThat(json.readTree(json.writeValueAsString(payload))).as(type.name()).isEqualTo(json.readTree(stored));
            }
        }
    }
}
