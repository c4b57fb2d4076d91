package dev.ecsapp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLineSinkTest {

    private static final int THREADS = 500;
    private static final int AT_ONCE = 25;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Flushed by the tests, never by its timer: an hour apart. */
    private final JsonLineSink sink = new JsonLineSink(out, 3_600_000);

    @AfterEach
    void close() {
        sink.close();
    }

    private static JsonLine line(String message) {
        return JsonLine.start(0, "INFO", "test", message).end();
    }

    /** Starts {@code count} threads that log one line each and end, and waits for them. */
    private void logFromShortLivedThreads(int from, int count) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String message = "line " + i;
            Thread thread = new Thread(() -> sink.write(line(message), false), "short-lived-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @Test
    void buffersOfThreadsThatEndedAreNotKeptOnceFlushed() throws InterruptedException {
        for (int from = 0; from < THREADS; from += AT_ONCE) {
            logFromShortLivedThreads(from, AT_ONCE);
            sink.flush();

            assertThat(sink.buffersHeld()).as("buffers after " + (from + AT_ONCE) + " threads").isZero();
        }
    }

    @Test
    void theLastLinesOfAThreadThatEndedStillReachTheStream() throws InterruptedException {
        logFromShortLivedThreads(0, THREADS);

        sink.flush();

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(THREADS);
        assertThat(written).contains("\"line 0\"").contains("\"line " + (THREADS - 1) + "\"");
    }

    @Test
    void aLiveThreadKeepsItsBuffer() {
        sink.write(line("from the test's thread"), false);

        sink.flush();

        assertThat(sink.buffersHeld()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("from the test's thread");
    }
}
