package dev.lightbox.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.coach.service.DatePhrases;
import dev.lightbox.coach.service.QuestionParser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Questions to intents, tools and their inputs (read through the records' components, as JSON would show them). */
class QuestionParserTest {

    private final QuestionParser parser = new QuestionParser(new DatePhrases(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC)));

    private static Map<String, Object> input(QuestionParser.Parsed parsed) {
        var out = new java.util.HashMap<String, Object>();
        Record r = parsed.input();
        assertThat(r).as("input of " + parsed).isNotNull();
        for (var c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                Object v = c.getAccessor().invoke(r);
                if (v != null) out.put(c.getName(), v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    @Test
    void countsWithPeriodLabelAndCamera() {
        var parsed = parser.parse("How many photos did I take in March?");
        assertThat(parsed.intent()).isEqualTo("count");
        assertThat(parsed.tool()).isEqualTo("count_photos");
        assertThat(input(parsed)).isEqualTo(Map.of("from", LocalDate.parse("2026-03-01"), "to", LocalDate.parse("2026-03-31")));
        assertThat(input(parser.parse("how many photos of cats did I take last year?")))
                .isEqualTo(Map.of("from", LocalDate.parse("2025-01-01"), "to", LocalDate.parse("2025-12-31"), "label", "cats"));
        assertThat(input(parser.parse("How many pictures with label holiday?"))).isEqualTo(Map.of("label", "holiday"));
        assertThat(input(parser.parse("How many photos did I take with my Canon EOS 5D since May?")))
                .isEqualTo(Map.of("camera", "canon eos 5d", "from", LocalDate.parse("2026-05-01"), "to", LocalDate.parse("2026-12-02")));
    }

    @Test
    void superlativesAndSynonymsPickTheMetricAndItsEnd() {
        assertThat(input(parser.parse("Which is my sharpest photo?")))
                .isEqualTo(Map.of("metric", "sharpness", "order", "highest", "limit", 1));
        assertThat(input(parser.parse("show my blurry photos"))).isEqualTo(Map.of("metric", "sharpness", "order", "lowest", "limit", 50));
        assertThat(input(parser.parse("the darkest photo last month"))).isEqualTo(Map.of("metric", "brightness", "order", "lowest", "limit", 1,
                "from", LocalDate.parse("2026-11-01"), "to", LocalDate.parse("2026-11-30")));
        assertThat(input(parser.parse("brightest pictures with faces")))
                .isEqualTo(Map.of("metric", "brightness", "order", "highest", "faces", true, "limit", 50));
        assertThat(input(parser.parse("my most colourful photos"))).containsEntry("metric", "colorfulness").containsEntry("order", "highest");
        assertThat(input(parser.parse("most colorful photos"))).containsEntry("metric", "colorfulness");
        assertThat(input(parser.parse("top 5 best photos"))).isEqualTo(Map.of("metric", "score", "order", "best", "limit", 5));
        assertThat(input(parser.parse("worst photos without people"))).isEqualTo(Map.of("metric", "score", "order", "worst", "faces", false, "limit", 50));
        assertThat(parser.parse("Which is my sharpest photo?").intent()).isEqualTo("top");
    }

    @Test
    void trendsComparisonsSkinProfileAndJobs() {
        var trend = parser.parse("How has my sharpness changed in 2025?");
        assertThat(trend.intent()).isEqualTo("trend");
        assertThat(input(trend)).isEqualTo(Map.of("metric", "sharpness", "from", LocalDate.parse("2025-01-01"), "to", LocalDate.parse("2025-12-31")));
        assertThat(input(parser.parse("trend of brightness by week"))).isEqualTo(Map.of("metric", "brightness", "bucket", "week"));

        var compare = parser.parse("Compare sharpness by camera");
        assertThat(compare.intent()).isEqualTo("compare");
        assertThat(input(compare)).isEqualTo(Map.of("metric", "sharpness", "by", "camera"));
        assertThat(input(parser.parse("Which camera takes the sharpest photos?"))).isEqualTo(Map.of("metric", "sharpness", "by", "camera"));
        assertThat(input(parser.parse("brightness per hour"))).isEqualTo(Map.of("metric", "brightness", "by", "hour"));
        assertThat(input(parser.parse("what time of day are my photos darkest"))).isEqualTo(Map.of("metric", "brightness", "by", "hour"));

        var skin = parser.parse("How is my redness since May?");
        assertThat(skin.intent()).isEqualTo("skin");
        assertThat(skin.tool()).isEqualTo("skin_change");
        assertThat(input(skin)).isEqualTo(Map.of("metric", "redness", "since", LocalDate.parse("2026-05-01"), "to", LocalDate.parse("2026-12-02")));
        assertThat(input(parser.parse("is my skin getting less oily?"))).isEqualTo(Map.of("metric", "shine"));
        assertThat(input(parser.parse("how red is my face this month"))).containsEntry("metric", "redness");

        assertThat(parser.parse("What are my strengths and weaknesses?").tool()).isEqualTo("profile");
        assertThat(parser.parse("what is running?").tool()).isEqualTo("job_status");
        assertThat(parser.parse("status of my training").tool()).isEqualTo("job_status");
    }

    @Test
    void whatItCannotMapIsHelpNeverAnError() {
        for (String q : new String[] {"What is the meaning of life?", "asdf qwerty", "", "between 2025-02-30 and 2025-03-02 how many photos",
                "?!?"}) {
            QuestionParser.Parsed parsed = parser.parse(q);
            assertThat(parsed.intent()).as(q).isEqualTo("help");
            assertThat(parsed.tool()).isNull();
        }
        assertThat(parser.parse("between 2025-02-30 and 2025-03-02 how many photos").note()).contains("2025-02-30");
    }
}
