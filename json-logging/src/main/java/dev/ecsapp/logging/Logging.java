package dev.ecsapp.logging;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Installs JSON-lines logging on stdout for the whole process. */
public final class Logging {

    private static final long FLUSH_INTERVAL_MILLIS = 200;

    private Logging() {
    }

    /**
     * Replaces java.util.logging's console handler with one JSON handler at {@code level}.
     *
     * @return the sink, to flush and close on exit
     */
    public static JsonLineSink installJsonLogging(Level level) {
        JsonLineSink sink = new JsonLineSink(new FileOutputStream(FileDescriptor.out), FLUSH_INTERVAL_MILLIS);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        JsonLogHandler handler = new JsonLogHandler(sink);
        handler.setLevel(level);
        root.addHandler(handler);
        return sink;
    }

    /** Maps LOG_LEVEL's values (debug, info, warn, error) to java.util.logging levels; null when unknown. */
    public static Level parseLevel(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.FINEST;
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> null;
        };
    }
}
