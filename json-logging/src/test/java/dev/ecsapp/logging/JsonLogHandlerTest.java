package dev.ecsapp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogHandlerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final JsonLineSink sink = new JsonLineSink(out, 60_000);
    private final JsonLogHandler handler = new JsonLogHandler(sink);

    private ParsedLine onlyLine() {
        sink.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.lines()).hasSize(1);
        return ParsedLine.of(text.strip());
    }

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("test.logger");
        record.setParameters(params);
        return record;
    }

    @Test
    void aRecordBecomesOneJsonLineWithTimeLevelLoggerAndMessage() {
        handler.publish(record(Level.INFO, "hello"));

        ParsedLine line = onlyLine();
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("logger")).isEqualTo("test.logger");
        assertThat(line.getString("message")).isEqualTo("hello");
        assertThat(line.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void quotesNewlinesAndControlCharactersAreEscapedSoOneRecordStaysOneLine() {
        handler.publish(record(Level.WARNING, "a \"quoted\" \\ path\nsecond line\u0001"));

        assertThat(onlyLine().getString("message")).isEqualTo("a \"quoted\" \\ path\nsecond line\u0001");
    }

    @Test
    void aMapParameterBecomesTopLevelFieldsWithTheirJsonTypes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", 404);
        fields.put("path", "/x\"y");
        fields.put("cached", false);

        handler.publish(record(Level.INFO, "request", fields));

        ParsedLine line = onlyLine();
        assertThat(line.getInteger("status")).isEqualTo(404);
        assertThat(line.getString("path")).isEqualTo("/x\"y");
        assertThat(line.getBoolean("cached")).isFalse();
    }

    @Test
    void positionalParametersAreFormatted() {
        handler.publish(record(Level.INFO, "took {0} ms", 12));

        assertThat(onlyLine().getString("message")).isEqualTo("took 12 ms");
    }

    @Test
    void anExceptionTravelsAsOneEscapedField() {
        LogRecord record = record(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("boom"));

        handler.publish(record);

        ParsedLine line = onlyLine();
        assertThat(line.getString("level")).isEqualTo("ERROR");
        assertThat(line.getString("exception")).startsWith("java.lang.IllegalStateException: boom");
    }

    @Test
    void levelsUseTheNamesPeopleSearchFor() {
        assertThat(JsonLogHandler.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(JsonLogHandler.levelName(Level.WARNING)).isEqualTo("WARN");
        assertThat(JsonLogHandler.levelName(Level.INFO)).isEqualTo("INFO");
        assertThat(JsonLogHandler.levelName(Level.FINE)).isEqualTo("DEBUG");
        assertThat(JsonLogHandler.levelName(Level.FINEST)).isEqualTo("TRACE");
    }

    @Test
    void warningsAreFlushedAtOnceAndInfoWaitsForTheBuffer() {
        handler.publish(record(Level.INFO, "buffered"));
        assertThat(out.size()).isZero();

        handler.publish(record(Level.WARNING, "urgent"));
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }
}
