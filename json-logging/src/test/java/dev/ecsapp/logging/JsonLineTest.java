package dev.ecsapp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLineTest {

    private static ParsedLine parse(JsonLine line) {
        return ParsedLine.of(line.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 10, 99, 100, 123456789, -1, -42, Long.MAX_VALUE, Long.MIN_VALUE})
    void numbersAreWrittenExactly(long value) {
        JsonLine line = JsonLine.start(0, "INFO", "t", "m").field("n", value).end();

        assertThat(parse(line).getLong("n")).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 999, 1_000, 1_234_567, 5_000_000_000L})
    void durationsAreMillisecondsWithThreeDecimals(long nanos) {
        JsonLine line = JsonLine.start(0, "INFO", "t", "m").millis("d", nanos).end();

        assertThat(line.toString()).contains("\"d\":" + String.format("%d.%03d", nanos / 1_000_000,
                nanos / 1_000 % 1_000));
        assertThat(parse(line).getDouble("d")).isEqualTo((nanos / 1_000) / 1_000.0);
    }

    @Test
    void nonAsciiTextIsEncodedAsUtf8() {
        String text = "grüße, 日本, emoji \uD83D\uDE80";

        JsonLine line = JsonLine.start(0, "INFO", "t", text).end();

        assertThat(parse(line).getString("message")).isEqualTo(text);
    }

    @Test
    void aLoneSurrogateBecomesAQuestionMarkInsteadOfInvalidUtf8() {
        JsonLine line = JsonLine.start(0, "INFO", "t", "a\uD800b").end();

        assertThat(parse(line).getString("message")).isEqualTo("a?b");
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        JsonLine line = JsonLine.start(1_767_225_600_000L, "INFO", "t", "m").end();

        assertThat(parse(line).getString("time")).isEqualTo("2026-01-01T00:00:00.000Z");
    }

    @Test
    void theThreadsLineIsReusedAndStartsEmptyEachTime() {
        JsonLine.start(0, "INFO", "t", "x".repeat(1_000)).end();

        JsonLine second = JsonLine.start(0, "INFO", "t", "short").end();

        assertThat(parse(second).getString("message")).isEqualTo("short");
    }
}
