package dev.lightbox.sync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.lightbox.analysis.Attribute;
import dev.lightbox.analysis.service.AnalysisService;
import dev.lightbox.library.LibraryProperties;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The reader on hostile bodies: answers stay small, dates stay within what the database and clients can hold. */
class SyncRequestReaderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SyncRequestReader reader = new SyncRequestReader(json, new LibraryProperties(null, null), Clock.systemUTC());

    @Test
    void anItemWithMoreKeysThanTheCatalogueIsOneProblemAndACallNamesAtMostAThousand() {
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < SyncRequestReader.MAX_ITEMS; i++) {
            ObjectNode item = item(items, "%064x".formatted(i));
            ObjectNode attributes = item.putObject("attributes");
            for (int k = 0; k <= Attribute.values().length; k++) attributes.put("unknown" + k, k);
            item.put("analysedAt", "not a time");
        }

        List<SyncProblem> problems = rejected(body);

        assertThat(problems.subList(0, 2)).extracting(SyncProblem::index, SyncProblem::field)
                .containsExactly(tuple(0, "attributes"), tuple(0, "analysedAt"));
        assertThat(problems).hasSize(SyncRequestReader.MAX_PROBLEMS + 1);
        SyncProblem more = problems.getLast();
        assertThat(more.index()).isNull();
        assertThat(more.problem()).startsWith("and " + (2 * SyncRequestReader.MAX_ITEMS - SyncRequestReader.MAX_PROBLEMS) + " more problems");
    }

    @Test
    void datesOutsideTheYears1800To9999AreProblemsOfTheirField() {
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        item(items, "a".repeat(64)).put("analysedAt", "+20000-01-01T00:00:00Z");
        ((ObjectNode) item(items, "b".repeat(64)).get("metadata")).put("takenAt", "+10000-01-01T00:00:00");
        ((ObjectNode) item(items, "c".repeat(64)).get("metadata")).put("takenAt", "1799-12-31T23:59:59");
        item(items, "d".repeat(64)).put("analysedAt", "-0001-01-01T00:00:00Z");

        assertThat(rejected(body)).extracting(SyncProblem::index, SyncProblem::field).containsExactly(
                tuple(0, "analysedAt"), tuple(1, "metadata.takenAt"), tuple(2, "metadata.takenAt"), tuple(3, "analysedAt"));

        ObjectNode fine = json.createObjectNode();
        ((ObjectNode) item(fine.putArray("items"), "e".repeat(64)).get("metadata")).put("takenAt", "1800-01-01T00:00:00");
        assertThat(reader.read(fine)).hasSize(1);
    }

    private static ObjectNode item(ArrayNode items, String sha256) {
        ObjectNode item = items.addObject();
        item.put("sha256", sha256);
        item.put("analyzerVersion", AnalysisService.currentVersion());
        item.putObject("metadata").put("width", 40).put("height", 30);
        return item;
    }

    private List<SyncProblem> rejected(ObjectNode body) {
        return catchThrowableOfType(SyncRejectedException.class, () -> reader.read(body)).problems();
    }
}
