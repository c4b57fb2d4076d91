package dev.ecsapp.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes one JSON object per line to an output stream (stdout in production).
 *
 * <p>An access log line per request must cost neither a system call nor a contended lock per request at a hundred
 * thousand requests a second. So each thread appends UTF-8 bytes to a buffer of its own (locked only by itself and
 * by the flusher), and a buffer goes to the stream when it fills, every {@code flushInterval} milliseconds, and at
 * once for warnings and errors. Lines stay whole and in order per thread; lines of different threads can reach the
 * stream out of time order by up to the flush interval (each line carries its own timestamp). A buffer is held
 * only while its thread lives: the flush after a thread ends writes out its last lines and lets the buffer go, so
 * thread pools that churn threads do not grow the sink.
 */
public final class JsonLineSink implements AutoCloseable {

    /** A thread's buffer goes to the stream once it holds this much: one write system call per ~200 lines. */
    private static final int FLUSH_AT_BYTES = 32 * 1024;

    private final OutputStream out;
    private final ScheduledExecutorService flusher;
    // A set, not a copy-on-write list: with threads coming and going, every new one would copy the whole list.
    private final Set<LineBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<LineBuffer> threadBuffer = ThreadLocal.withInitial(this::newBuffer);

    public JsonLineSink(OutputStream target, long flushIntervalMillis) {
        this.out = target;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, flushIntervalMillis, flushIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private LineBuffer newBuffer() {
        LineBuffer buffer = new LineBuffer(Thread.currentThread());
        buffers.add(buffer);
        return buffer;
    }

    /** Appends one finished line; {@code urgent} lines (warnings, errors) reach the stream before this returns. */
    public void write(JsonLine line, boolean urgent) {
        LineBuffer buffer = threadBuffer.get();
        synchronized (buffer) {
            buffer.append(line.bytes(), line.size());
            if (urgent || buffer.size() >= FLUSH_AT_BYTES) {
                drain(buffer);
            }
        }
    }

    /** Sends every thread's buffered lines to the stream, and lets go of the buffers of threads that ended. */
    public void flush() {
        for (LineBuffer buffer : buffers) {
            // Asked before draining: a thread seen ended cannot write again, so nothing is left behind once drained.
            boolean ownerEnded = buffer.ownerEnded();
            synchronized (buffer) {
                drain(buffer);
            }
            if (ownerEnded) {
                buffers.remove(buffer);
            }
        }
    }

    /** Writes one buffer out; the caller holds the buffer's lock, the stream's lock keeps buffers from interleaving. */
    private void drain(LineBuffer buffer) {
        if (buffer.size() == 0) {
            return;
        }
        synchronized (out) {
            try {
                out.write(buffer.bytes(), 0, buffer.size());
                out.flush();
            } catch (IOException e) {
                // stdout is gone (closed pipe): nothing sensible to report it to, and logging must never fail a request.
            }
        }
        buffer.clear();
    }

    /** How many threads' buffers the sink holds. */
    int buffersHeld() {
        return buffers.size();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }

    /** A thread's pending lines. */
    private static final class LineBuffer {
        /** Weak, so the buffer does not keep an ended thread (and what it references) from being collected. */
        private final WeakReference<Thread> owner;
        private byte[] bytes = new byte[4096];
        private int size;

        LineBuffer(Thread owner) {
            this.owner = new WeakReference<>(owner);
        }

        boolean ownerEnded() {
            Thread thread = owner.get();
            return thread == null || !thread.isAlive();
        }

        int size() {
            return size;
        }

        byte[] bytes() {
            return bytes;
        }

        void clear() {
            size = 0;
            if (bytes.length > 4 * FLUSH_AT_BYTES) {
                bytes = new byte[4096]; // one huge line (a long stack trace) should not pin its buffer for good
            }
        }

        /** Appends a line and its newline. */
        void append(byte[] line, int length) {
            ensure(length + 1);
            System.arraycopy(line, 0, bytes, size, length);
            size += length;
            bytes[size++] = '\n';
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }
    }
}
