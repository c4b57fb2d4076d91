package dev.ecsapp.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator at a fixed rate, as a client behind the ALB sees the app: each request is a GET of a
 * {@code /version} path; an answer counts as served when it is a 200 with a version, and failed otherwise
 * (another status, a refused or reset connection, no answer within the timeout). Requests are sent on schedule
 * whatever the answers take, so a slow phase does not lower the load that measures it.
 */
final class Traffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> inFlight = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, Long> servedByVersion = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    private Traffic(URI url, Map<String, String> headers) {
        this.url = url;
        this.headers = headers;
    }

    /** Starts sending {@code perSecond} requests a second to {@code url}. */
    static Traffic start(URI url, Map<String, String> headers, int perSecond) {
        Traffic traffic = new Traffic(url, headers);
        long periodMicros = 1_000_000L / perSecond;
        traffic.sender.scheduleAtFixedRate(traffic::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        return traffic;
    }

    private void sendOne() {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        headers.forEach(request::header);
        long at = System.nanoTime();
        sent.incrementAndGet();
        CompletableFuture<Void> answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    record(at, response, failure);
                    return null;
                });
        inFlight.add(answer);
        inFlight.removeIf(CompletableFuture::isDone);
    }

    private void record(long at, HttpResponse<String> response, Throwable failure) {
        String version = null;
        String problem;
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            problem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } else if (response.statusCode() != 200) {
            problem = "HTTP " + response.statusCode() + ": " + response.body();
        } else {
            try {
                version = JSON.readTree(response.body()).path("version").asText(null);
            } catch (Exception e) {
                version = null;
            }
            problem = version == null ? "HTTP 200 without a version: " + response.body() : null;
        }
        synchronized (this) {
            if (problem == null) {
                servedByVersion.merge(version, 1L, Long::sum);
            } else {
                failures.add(String.format("%.2fs %s", (at - startedNanos) / 1e9, problem));
            }
        }
    }

    synchronized long served() {
        return servedByVersion.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long served(String version) {
        return servedByVersion.getOrDefault(version, 0L);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    long sent() {
        return sent.get();
    }

    synchronized String summary() {
        return "sent " + sent.get() + ", served " + servedByVersion + ", failed " + failures.size()
                + (failures.isEmpty() ? "" : " (first: " + failures.subList(0, Math.min(5, failures.size())) + ")");
    }

    /** Waits until {@code count} answers came from {@code version}: the load is flowing before a change starts. */
    void awaitServed(String version, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (served(version) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (served(version) < count) {
            throw new AssertionError("fewer than " + count + " answers from " + version + " in 30 s: " + summary());
        }
    }

    /** Waits until a second of traffic went only to {@code version}: the old tasks no longer take any. */
    void awaitServedOnlySince(String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long others = served() - served(version);
            Thread.sleep(1_000);
            if (served() - served(version) == others) {
                return;
            }
        }
        throw new AssertionError("another version than " + version + " still answered for 60 s: " + summary());
    }

    /** Stops sending and waits for the answers of the requests already sent. */
    @Override
    public void close() throws Exception {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }
}
