package dev.ecsapp.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kubernetes API benchmark (run by sandbox/bench/kubernetes.sh against a sandbox process it started, once with
 * the mock and once with the own server): latencies at 20 concurrent clients (JDK HttpClient, loopback) and the
 * server's RSS after 10,000 requests and after the last one. {@code run} writes one properties file per server;
 * {@code table} prints them side by side with the targets.
 */
public final class KubernetesBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 20;
    private static final int OBJECTS = 1_000;
    private static final String NS = "/api/v1/namespaces/bench/configmaps";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Every phase ends after this, whatever count it reached. */
    private static final long PHASE_SECONDS = 60;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI server;
    private final long pid;
    private final AtomicLong requests = new AtomicLong();
    private final Properties results = new Properties();
    private volatile long rssAt10k;

    private KubernetesBench(URI server, long pid) {
        this.server = server;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("run")) {
            KubernetesBench bench = new KubernetesBench(URI.create(args[1]), Long.parseLong(args[2]));
            bench.run(Integer.parseInt(args[3]));
            try (var out = Files.newBufferedWriter(Path.of(args[4]))) {
                bench.results.store(out, null);
            }
            System.exit(0);
        } else if (args.length == 4 && args[0].equals("table")) {
            System.exit(table(load(args[1]), load(args[2]), args[3]));
        } else {
            System.err.println("usage: KubernetesBench run URL PID TOTAL_REQUESTS OUT | table MOCK OWN MACHINE");
            System.exit(2);
        }
    }

    private void run(int total) throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}");
        AtomicLong next = new AtomicLong();
        record("create", concurrently(OBJECTS, () -> {
            long i = next.getAndIncrement();
            return send("POST", NS, "application/json", configMap("cm-" + i, 0)).code() == 201;
        }));
        // Warm-up, not measured: the JIT on both sides.
        concurrently(2_000, () -> send("GET", NS + "/cm-" + random(), null, null).code() == 200);
        record("get", concurrently(10_000, () -> send("GET", NS + "/cm-" + random(), null, null).code() == 200));
        record("list", concurrently(200, () -> {
            Answer answer = send("GET", NS, null, null);
            return answer.code() == 200 && answer.body().length() > OBJECTS * 100;
        }));
        if (send("PATCH", NS + "/cm-0?fieldManager=bench&force=true", "application/apply-patch+yaml",
                configMap("cm-0", 1)).code() != 200) {
            results.setProperty("apply", "n/a");
        } else {
            AtomicLong round = new AtomicLong(1);
            record("apply", concurrently(2_000, () -> {
                String name = "cm-" + random();
                return send("PATCH", NS + "/" + name + "?fieldManager=bench&force=true",
                        "application/apply-patch+yaml", configMap(name, round.incrementAndGet())).code() == 200;
            }));
        }
        record("watch", watchLatencies(200));
        // Steady traffic that stores nothing new: gets and merge patches of the same objects.
        long remaining = Math.max(0, total - requests.get());
        AtomicLong round = new AtomicLong();
        concurrently((int) remaining, () -> {
            if (ThreadLocalRandom.current().nextInt(5) == 0) {
                return send("PATCH", NS + "/cm-" + random(), "application/merge-patch+json",
                        "{\"data\":{\"a\":\"" + String.format("%08d", round.incrementAndGet() % 100_000_000)
                                + "\"}}").code() == 200;
            }
            return send("GET", NS + "/cm-" + random(), null, null).code() == 200;
        });
        results.setProperty("rss10k", Long.toString(rssAt10k));
        results.setProperty("rssEnd", Long.toString(rssKb()));
        results.setProperty("requests", Long.toString(requests.get()));
    }

    /** Creates one object at a time and times until the watch delivers its ADDED event. */
    private long[] watchLatencies(int count) throws Exception {
        Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        java.util.function.Consumer<String> onEvent = line -> {
            try {
                JsonNode event = JSON.readTree(line);
                CompletableFuture<Long> arrival = arrivals.get(event.path("object").path("metadata").path("name")
                        .asText());
                if (arrival != null && event.path("type").asText().equals("ADDED")) {
                    arrival.complete(System.nanoTime());
                }
            } catch (Exception e) {
                // not an event
            }
        };
        String version = JSON.readTree(send("GET", NS + "?limit=1", null, null).body()).path("metadata")
                .path("resourceVersion").asText();
        String query = "?watch=true&resourceVersion=" + version;
        HttpResponse<InputStream> stream = http.send(request("GET", NS + query, null, null),
                HttpResponse.BodyHandlers.ofInputStream());
        requests.incrementAndGet();
        WebSocket socket = null;
        Thread reader = null;
        if (stream.statusCode() == 200) {
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        onEvent.accept(line);
                    }
                } catch (Exception e) {
                    // closed
                }
            }, "watch-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            // The mock streams watches over WebSocket only (what fabric8 uses).
            stream.body().close();
            URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + NS + query);
            socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        try (Reader r = new StringReader(text.toString());
                                BufferedReader lines = new BufferedReader(r)) {
                            lines.lines().forEach(onEvent);
                        } catch (Exception e) {
                            // ignore
                        }
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        }
        Thread.sleep(300);
        long[] latencies = new long[count];
        int done = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_SECONDS);
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            String name = "watched-" + i;
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            arrivals.put(name, arrival);
            long start = System.nanoTime();
            send("POST", NS, "application/json", configMap(name, 0));
            try {
                latencies[done++] = arrival.get(5, TimeUnit.SECONDS) - start;
            } catch (java.util.concurrent.TimeoutException e) {
                latencies[done - 1] = TimeUnit.SECONDS.toNanos(5);
            }
            send("DELETE", NS + "/" + name, null, null);
        }
        if (socket != null) {
            socket.abort();
        }
        stream.body().close();
        return Arrays.copyOf(latencies, done);
    }

    private interface Call {
        boolean call() throws Exception;
    }

    /** {@code count} calls spread over 20 clients, each timed; bounded by {@link #PHASE_SECONDS}. */
    private long[] concurrently(int count, Call call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong left = new AtomicLong(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_SECONDS);
        List<Future<long[]>> each = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int c = 0; c < CLIENTS; c++) {
            each.add(clients.submit(() -> {
                long[] times = new long[count / CLIENTS + 1];
                int n = 0;
                while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    if (!call.call()) {
                        failures.incrementAndGet();
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(times, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> part : each) {
            parts.add(part.get());
        }
        clients.shutdown();
        if (failures.get() > 0) {
            System.err.println("  " + failures.get() + " of " + count + " calls failed");
            results.setProperty("failures", Long.toString(failures.get()
                    + Long.parseLong(results.getProperty("failures", "0"))));
        }
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private record Answer(int code, String body) {
    }

    private Answer send(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = http.send(request(method, path, contentType, body),
                HttpResponse.BodyHandlers.ofString());
        if (requests.incrementAndGet() == 10_000) {
            rssAt10k = rssKb();
        }
        return new Answer(response.statusCode(), response.body());
    }

    private HttpRequest request(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String configMap(String name, long round) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"bench\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"a\":\""
                + String.format("%08d", round % 100_000_000) + "\",\"b\":\"" + "x".repeat(200) + "\"}}";
    }

    private static int random() {
        return ThreadLocalRandom.current().nextInt(OBJECTS);
    }

    private void record(String name, long[] nanos) {
        if (nanos.length == 0) {
            results.setProperty(name, "n/a");
            return;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        results.setProperty(name, String.format(Locale.ROOT, "%.2f/%.2f/%d", percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, sorted.length));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // gone
        }
        return -1;
    }

    private static Properties load(String file) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        }
        return properties;
    }

    /** Prints the table; 1 when the own server misses a target. */
    private static int table(Properties mock, Properties own, String machine) {
        System.out.println("Kubernetes API, 20 concurrent clients (JDK HttpClient, loopback), " + machine);
        System.out.printf("%-34s %22s %22s%n", "p50 / p99 ms (calls)", "mock", "own");
        String[][] rows = {{"get", "get"}, {"list of 1,000 objects", "list"}, {"create", "create"},
            {"SSA apply", "apply"}, {"watch event (create -> event)", "watch"}};
        for (String[] row : rows) {
            System.out.printf("%-34s %22s %22s%n", row[0], cell(mock, row[1]), cell(own, row[1]));
        }
        System.out.printf("%-34s %22s %22s%n", "RSS after 10,000 requests", mb(mock, "rss10k"), mb(own, "rss10k"));
        System.out.printf("%-34s %22s %22s%n", "RSS after " + String.format("%,d", Long.parseLong(
                own.getProperty("requests", "0"))) + " requests", mb(mock, "rssEnd"), mb(own, "rssEnd"));
        System.out.printf("%-34s %22s %22s%n", "RSS change", change(mock), change(own));
        System.out.printf("%-34s %22s %22s%n", "failed calls", mock.getProperty("failures", "0"),
                own.getProperty("failures", "0"));
        double getP99 = p99(own, "get");
        double applyP99 = p99(own, "apply");
        double growth = growth(own);
        boolean met = getP99 < 5 && applyP99 < 5 && Math.abs(growth) <= 10;
        System.out.printf("targets (own server): p99 get %.2f ms < 5 %s; p99 apply %.2f ms < 5 %s; RSS %+.1f%% "
                        + "within 10%% %s%n", getP99, getP99 < 5 ? "ok" : "MISSED", applyP99,
                applyP99 < 5 ? "ok" : "MISSED", growth, Math.abs(growth) <= 10 ? "ok" : "MISSED");
        return met ? 0 : 1;
    }

    private static String cell(Properties p, String key) {
        String value = p.getProperty(key, "n/a");
        if (value.equals("n/a")) {
            return "n/a";
        }
        String[] parts = value.split("/");
        return parts[0] + " / " + parts[1] + " (" + parts[2] + ")";
    }

    private static double p99(Properties p, String key) {
        String value = p.getProperty(key, "n/a");
        return value.equals("n/a") ? Double.NaN : Double.parseDouble(value.split("/")[1]);
    }

    private static String mb(Properties p, String key) {
        long kb = Long.parseLong(p.getProperty(key, "-1"));
        return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private static double growth(Properties p) {
        double first = Long.parseLong(p.getProperty("rss10k", "-1"));
        double end = Long.parseLong(p.getProperty("rssEnd", "-1"));
        return first <= 0 ? Double.NaN : (end - first) / first * 100;
    }

    private static String change(Properties p) {
        return String.format(Locale.ROOT, "%+.1f%%", growth(p));
    }
}
