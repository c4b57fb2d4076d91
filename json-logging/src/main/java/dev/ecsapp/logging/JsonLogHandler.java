package dev.ecsapp.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A java.util.logging handler that renders every record as one JSON line.
 *
 * <p>Vert.x, Netty and Micrometer all fall back to java.util.logging when no other backend is present, so routing it
 * here puts every log line of the process, ours and the libraries', in one format on stdout.
 * A record whose single parameter is a {@code Map} contributes its entries as top-level fields (used by the access log).
 */
public final class JsonLogHandler extends Handler {

    private final JsonLineSink sink;

    public JsonLogHandler(JsonLineSink sink) {
        this.sink = sink;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        JsonLine line = JsonLine.start(record.getMillis(), levelName(record.getLevel()),
                record.getLoggerName() == null ? "root" : record.getLoggerName(), message(record));
        Object[] params = record.getParameters();
        if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> fields) {
            fields.forEach((name, value) -> line.field(String.valueOf(name), value));
        }
        if (record.getThrown() != null) {
            line.field("exception", stackTrace(record.getThrown()));
        }
        sink.write(line.end(), record.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.flush();
    }

    /** The level names people grep for, instead of java.util.logging's SEVERE and FINE. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static String message(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return "";
        }
        Object[] params = record.getParameters();
        boolean structured = params != null && params.length == 1 && params[0] instanceof Map;
        if (params == null || params.length == 0 || structured || !message.contains("{0")) {
            return message;
        }
        return java.text.MessageFormat.format(message, params);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
