package dev.ecsapp.service.logging;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes one JSON object per line to an output stream (stdout in production).
 *
 * <p>Lines are buffered and flushed every {@code flushInterval} milliseconds, and at once for warnings and errors:
 * an access log line per request must not cost a system call per request at tens of thousands of requests a second.
 */
public final class JsonLineSink implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final ScheduledExecutorService flusher;

    public JsonLineSink(OutputStream target, long flushIntervalMillis) {
        this.out = new BufferedOutputStream(target, BUFFER_BYTES);
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, flushIntervalMillis, flushIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Appends one line; {@code urgent} lines (warnings, errors) are flushed immediately. */
    public void write(CharSequence jsonObject, boolean urgent) {
        byte[] bytes = (jsonObject + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                if (urgent) {
                    out.flush();
                }
            } catch (IOException e) {
                // stdout is gone (closed pipe): nothing sensible to report it to, and logging must never fail a request.
            }
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            // See write(): a broken stdout must not break the service.
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
