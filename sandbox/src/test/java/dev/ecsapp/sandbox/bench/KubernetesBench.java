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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private KubernetesBench(URI server, long pid) {
        this.server = server;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && (args[0].equals("prepare") || args[0].equals("finish"))) {
            Path out = Path.of(args[3]);
            KubernetesBench bench = new KubernetesBench(URI.create(args[1]), Long.parseLong(args[2]));
            if (args[0].equals("prepare")) {
                bench.prepare();
            } else {
                try (var in = Files.newBufferedReader(out)) {
                    bench.results.load(in);
                }
                bench.finish();
            }
            try (var writer = Files.newBufferedWriter(out)) {
                bench.results.store(writer, null);
            }
            System.exit(0);
        } else if (args.length == 4 && args[0].equals("table")) {
            System.exit(table(load(args[1]), load(args[2]), args[3]));
        } else {
            System.err.println("usage: KubernetesBench prepare|finish URL PID PROPERTIES | table MOCK OWN MACHINE");
            System.exit(2);
        }
    }

    /**
     * Before wrk's get and apply phases: the namespace, 1,000 objects (timed creates), then gets up to the first
     * 10,000 requests, and the server's RSS there.
     */
    private void prepare() throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}");
        AtomicLong next = new AtomicLong();
        record("create", concurrently(OBJECTS, () -> {
            long i = next.getAndIncrement();
            return send("POST", NS, "application/json", configMap("cm-" + i, 0)).code() == 201;
        }));
        concurrently((int) Math.max(0, 10_000 - requests.get()),
                () -> send("GET", NS + "/cm-" + random(), null, null).code() == 200);
        results.setProperty("rss10k", Long.toString(rssKb()));
        results.setProperty("heap10k", Long.toString(liveHeapKb()));
        results.setProperty("requests", Long.toString(requests.get()));
    }

    /** After wrk's phases: lists of the 1,000 objects, watch latency, and the server's RSS at the end. */
    private void finish() throws Exception {
        record("list", concurrently(200, () -> {
            Answer answer = send("GET", NS, null, null);
            return answer.code() == 200 && answer.body().length() > OBJECTS * 100;
        }));
        try {
            record("watch", watchLatencies(200));
        } catch (java.io.IOException e) {
            // The server stopped answering (the mock, out of heap): no latency to report.
            results.setProperty("watch", "n/a");
        }
        results.setProperty("rssEnd", Long.toString(rssKb()));
        results.setProperty("heapEnd", Long.toString(liveHeapKb()));
        results.setProperty("requests", Long.toString(requests.get()
                + Long.parseLong(results.getProperty("requests", "0"))));
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
                    boolean ok;
                    try {
                        ok = call.call();
                    } catch (java.io.IOException e) {
                        // A timeout or a refused connection: the mock, out of heap, stops answering.
                        ok = false;
                    }
                    if (!ok) {
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
        requests.incrementAndGet();
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

    /**
     * The server's heap in use right after a full collection (jcmd's GC.run, then GC.heap_info): what the server
     * keeps, without the garbage that RSS cannot tell from it. -1 when jcmd cannot attach.
     */
    private long liveHeapKb() {
        try {
            jcmd("GC.run");
            Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private String jcmd(String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new java.io.IOException("jcmd " + command + ": " + output);
        }
        return output;
    }

    /** A server's results, with wrk's requests (warm-ups too: RSS is read after them) and failures counted in. */
    private static Properties load(String file) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        }
        long requests = number(properties, "requests");
        long failures = number(properties, "failures");
        for (String phase : List.of("get", "apply", "getPaced", "applyPaced")) {
            requests += number(properties, "wrk" + phase + "Requests") + number(properties, "wrk" + phase + "WarmUp");
            if (!properties.getProperty(phase, "n/a").equals("n/a")) {
                failures += number(properties, "wrk" + phase + "Failures");
            }
        }
        properties.setProperty("requests", Long.toString(requests));
        properties.setProperty("failures", Long.toString(failures));
        return properties;
    }

    private static long number(Properties properties, String key) {
        String value = properties.getProperty(key, "");
        return value.matches("\\d+") ? Long.parseLong(value) : 0;
    }

    /** Prints the table; 1 when the own server misses a target. */
    private static int table(Properties mock, Properties own, String machine) {
        System.out.println("Kubernetes API on loopback, " + machine);
        System.out.println("get and SSA apply: wrk, 20 connections, 10 s each after a 5 s warm-up (closed loop: as fast"
                + " as the server answers); the rest: 20 JDK HttpClient threads");
        System.out.printf("%-34s %22s %22s%n", "p50 / p99 ms (calls)", "mock", "own");
        String[][] rows = {{"get, full speed", "get"}, {"get, 2,000/s", "getPaced"},
            {"SSA apply, full speed", "apply"}, {"SSA apply, 2,000/s", "applyPaced"},
            {"list of 1,000 objects", "list"}, {"create", "create"}, {"watch event (create -> event)", "watch"}};
        for (String[] row : rows) {
            System.out.printf("%-34s %22s %22s%n", row[0], cell(mock, row[1]), cell(own, row[1]));
        }
        System.out.printf("%-34s %22s %22s%n", "get requests/s", mock.getProperty("getRate", "n/a"),
                own.getProperty("getRate", "n/a"));
        System.out.printf("%-34s %22s %22s%n", "SSA apply requests/s", mock.getProperty("applyRate", "n/a"),
                own.getProperty("applyRate", "n/a"));
        System.out.printf("%-34s %22s %22s%n", "RSS after 10,000 requests", mb(mock, "rss10k"), mb(own, "rss10k"));
        System.out.printf("%-34s %22s %22s%n", "requests in all", String.format("%,d", Long.parseLong(
                mock.getProperty("requests", "0"))), String.format("%,d", Long.parseLong(
                own.getProperty("requests", "0"))));
        System.out.printf("%-34s %22s %22s%n", "RSS after all of them", mb(mock, "rssEnd"), mb(own, "rssEnd"));
        System.out.printf("%-34s %22s %22s%n", "RSS change", change(mock), change(own));
        System.out.printf("%-34s %22s %22s%n", "heap after full GC, 10,000 / end",
                mb(mock, "heap10k") + " / " + mb(mock, "heapEnd"), mb(own, "heap10k") + " / " + mb(own, "heapEnd"));
        System.out.printf("%-34s %22s %22s%n", "failed calls", mock.getProperty("failures", "0"),
                own.getProperty("failures", "0"));
        double getP99 = p99(own, "getPaced");
        double applyP99 = p99(own, "applyPaced");
        double growth = growth(own);
        boolean met = getP99 < 5 && applyP99 < 5 && Math.abs(growth) <= 10;
        System.out.printf("targets (own server): p99 get at 2,000/s %.2f ms < 5 %s; p99 apply at 2,000/s %.2f ms"
                        + " < 5 %s; RSS %+.1f%% "
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
