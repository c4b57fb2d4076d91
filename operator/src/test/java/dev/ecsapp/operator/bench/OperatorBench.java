package dev.ecsapp.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.awsfacts.ApiRates;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.controller.OperatorOnSandbox;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's benchmark (run by {@code operator/bench/run.sh}): the operator jar as its own process against a
 * sandbox jar with AWS's rate limits on, at speed 1 (so the operator's client-side limit, which runs in real time,
 * and the sandbox's buckets agree). For each app count: time from apply to every app Ready, AWS calls per app for the
 * create, the floor AWS's rate limits set for those calls, calls per app while Ready (the batched service check and
 * the full resync), and the operator's peak heap and RSS. A fresh operator and a reset sandbox for each count.
 */
public final class OperatorBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NAMESPACE = OperatorOnSandbox.NAMESPACE;
    /** Intervals the operator runs with here: short enough to watch several resyncs in a minute. */
    private static final Duration POLL_READY = Duration.ofSeconds(5);
    private static final Duration FULL_RESYNC = Duration.ofSeconds(30);

    private final String aws;
    private final Path kubeconfig;
    private final Path operatorJar;
    private final KubernetesClient kubernetes;
    private final Map<String, String> operatorEnv = new LinkedHashMap<>();

    private OperatorBench(String aws, Path kubeconfig, Path operatorJar) {
        this.aws = aws;
        this.kubeconfig = kubeconfig;
        this.operatorJar = operatorJar;
        this.kubernetes = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(readString(kubeconfig)))
                .build();
    }

    /** One row of the table. */
    private record Row(int apps, double readySeconds, double floorSeconds, double rolloutSeconds,
            double lagSeconds, double writesPerApp, double readsPerApp, long throttled, double checkReadsPerApp,
            double fullReadsPerApp, long idleWrites, double heapMb, double rssMb) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: OperatorBench AWS_URL KUBECONFIG OPERATOR_JAR COUNTS (e.g. 1,10,100)");
            System.exit(2);
        }
        if (!args[3].startsWith("1,") && !args[3].equals("1")) {
            System.err.println("COUNTS must start with 1: the one-app round measures the rollout the floors build on");
            System.exit(2);
        }
        OperatorBench bench = new OperatorBench(args[0], Path.of(args[1]), Path.of(args[2]));
        bench.installCrd();
        bench.operatorEnvironment();
        List<Row> rows = new ArrayList<>();
        for (String count : args[3].split(",")) {
            rows.add(bench.round(Integer.parseInt(count.trim())));
        }
        print(rows);
        System.exit(0);
    }

    private Row round(int apps) throws Exception {
        control("POST", "reset", "");
        control("DELETE", "calls", "");
        int port = freePort();
        Process operator = startOperator(port);
        Sampler sampler = new Sampler(operator.pid(), port);
        try {
            awaitReady(port);
            sampler.start();
            long started = System.nanoTime();
            for (int i = 0; i < apps; i++) {
                kubernetes.resource(app("bench" + i)).create();
            }
            double firstCompleted = -1;
            double allReady;
            while (true) {
                List<EcsApp> listed = kubernetes.resources(EcsApp.class).inNamespace(NAMESPACE).list().getItems();
                long readyCount = listed.stream().filter(OperatorBench::ready).count();
                listed.stream().filter(a -> condition(a, "Degraded")).findFirst().ifPresent(a -> {
                    throw new IllegalStateException(a.getMetadata().getName() + " is Degraded: "
                            + a.getStatus().conditions());
                });
                double now = (System.nanoTime() - started) / 1e9;
                if (apps == 1 && firstCompleted < 0 && rolloutCompleted("default_bench0")) {
                    firstCompleted = now;
                }
                if (readyCount == apps) {
                    allReady = now;
                    break;
                }
                if (now > 1800) {
                    throw new IllegalStateException(readyCount + " of " + apps + " apps Ready after 30 minutes");
                }
                TimeUnit.MILLISECONDS.sleep(apps == 1 ? 50 : 250);
            }
            Map<String, Long> create = calls();
            long throttled = throttled();
            printCalls(apps, create, started);
            if (apps == 1) {
                rolloutOfOne = firstCompleted;
            }

            // Ready and left alone: the batched checks every POLL_READY and a full reconcile every FULL_RESYNC.
            TimeUnit.SECONDS.sleep(3);
            control("DELETE", "calls", "");
            TimeUnit.MILLISECONDS.sleep(FULL_RESYNC.toMillis());
            Map<String, Long> idle = calls();
            sampler.stop();

            long idleWrites = sum(idle, true);
            double rounds = (double) FULL_RESYNC.toMillis() / POLL_READY.toMillis();
            // A full reconcile makes at most one DescribeServices of its own (its answer serves the rollout's look
            // too); the rest are the batched checks.
            long describes = idle.getOrDefault("ecs/DescribeServices", 0L);
            long otherReads = idle.entrySet().stream().filter(e -> !OperatorOnSandbox.isWrite(e.getKey())
                    && !e.getKey().equals("ecs/DescribeServices")).mapToLong(Map.Entry::getValue).sum();
            // A full reconcile reads every kind once; DescribeRules is read exactly once by each.
            long fulls = Math.max(1, idle.getOrDefault("elasticloadbalancing/DescribeRules", 0L));
            return new Row(apps, allReady, floor(create) + rolloutOfOne, rolloutOfOne,
                    apps == 1 ? allReady - firstCompleted : Double.NaN,
                    sum(create, true) / (double) apps, sum(create, false) / (double) apps, throttled,
                    Math.max(0, describes - fulls) / rounds / apps, (double) otherReads / fulls + 1,
                    idleWrites, sampler.peakHeapMb(), sampler.peakRssMb());
        } finally {
            sampler.stop();
            operator.destroy();
            if (!operator.waitFor(20, TimeUnit.SECONDS)) {
                operator.destroyForcibly();
            }
            removeApps();
        }
    }

    /** Apply to COMPLETED deployment of one app alone: the part of every floor no operator can shorten. */
    private double rolloutOfOne;

    /** What the create cost, by action, and when the last service was created: which bucket set the pace. */
    private void printCalls(int apps, Map<String, Long> calls, long startedNanos) throws IOException,
            InterruptedException {
        StringBuilder line = new StringBuilder("calls per app for " + apps + " app(s):");
        calls.forEach((action, count) -> line.append(String.format(Locale.ROOT, " %s=%.1f", action,
                (double) count / apps)));
        System.out.println(line);
        double firstCreated = Double.MAX_VALUE;
        double lastCreated = 0;
        for (JsonNode service : JSON.readTree(control("GET", "state", "")).path("ecs").path("services")) {
            double created = service.path("createdAt").asDouble();
            firstCreated = Math.min(firstCreated, created);
            lastCreated = Math.max(lastCreated, created);
        }
        System.out.println(String.format(Locale.ROOT, "services created over %.1f s (first to last CreateService)",
                lastCreated - firstCreated));
    }

    // ---- the floor AWS's rate limits set -------------------------------------------------------------------------

    /**
     * The least time the write calls made could take under AWS's buckets: for each bucket, the calls beyond its
     * burst at its sustained rate. Reads are left out (an operator needs some, but how many is what is measured).
     */
    private static double floor(Map<String, Long> calls) {
        Map<String, Long> perBucket = new HashMap<>();
        Map<String, ApiRates.Rate> rates = new HashMap<>();
        calls.forEach((key, count) -> {
            if (!OperatorOnSandbox.isWrite(key)) {
                return;
            }
            String service = key.substring(0, key.indexOf('/'));
            String action = key.substring(key.indexOf('/') + 1);
            for (ApiRates.Rate rate : ApiRates.bucketsFor(service, action)) {
                perBucket.merge(rate.group(), count, Long::sum);
                rates.put(rate.group(), rate);
            }
        });
        double floor = 0;
        for (Map.Entry<String, Long> bucket : perBucket.entrySet()) {
            ApiRates.Rate rate = rates.get(bucket.getKey());
            floor = Math.max(floor, Math.max(0, bucket.getValue() - rate.burst()) / rate.perSecond());
        }
        return floor;
    }

    // ---- the operator process -------------------------------------------------------------------------------------

    private void operatorEnvironment() throws IOException, InterruptedException {
        JsonNode elb = JSON.readTree(control("GET", "state", "")).path("elasticloadbalancing");
        String listener = null;
        for (JsonNode l : elb.path("listeners")) {
            if (l.path("Port").asInt() == 80) {
                listener = l.path("ListenerArn").asText();
            }
        }
        if (listener == null) {
            throw new IllegalStateException("the sandbox has no HTTP:80 listener: " + elb);
        }
        operatorEnv.put("KUBECONFIG", kubeconfig.toString());
        operatorEnv.put("AWS_ENDPOINT_URL", aws);
        operatorEnv.put("AWS_REGION", "us-east-1");
        operatorEnv.put("AWS_ACCESS_KEY_ID", "AKIABENCH");
        operatorEnv.put("AWS_SECRET_ACCESS_KEY", "bench");
        operatorEnv.put("ECSAPP_CLUSTER", "sandbox");
        operatorEnv.put("ECSAPP_SUBNETS", "subnet-0c0ffee00000002a1,subnet-0c0ffee00000002b1");
        operatorEnv.put("ECSAPP_SECURITY_GROUPS", "sg-0c0ffee0000000e05");
        operatorEnv.put("ECSAPP_LISTENER_ARN", listener);
        operatorEnv.put("ECSAPP_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
        operatorEnv.put("ECSAPP_SERVER_SIDE_APPLY", "true"); // the sandbox jar's own API server takes it
        operatorEnv.put("ECSAPP_POLL_CONVERGING", "1s");
        operatorEnv.put("ECSAPP_POLL_READY", POLL_READY.toSeconds() + "s");
        operatorEnv.put("ECSAPP_FULL_RESYNC", FULL_RESYNC.toSeconds() + "s");
    }

    private Process startOperator(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", operatorJar.toString(), "--metrics-port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("operator-bench", ".log").toFile());
        builder.environment().putAll(operatorEnv);
        return builder.start();
    }

    private static void awaitReady(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the operator was not ready within 30 s");
    }

    /** Samples the operator's heap (from its /metrics) and RSS (from /proc) every 500 ms. */
    private static final class Sampler {
        private final long pid;
        private final int port;
        private volatile boolean running;
        private volatile double heapMb;
        private volatile double rssMb;
        private Thread thread;

        Sampler(long pid, int port) {
            this.pid = pid;
            this.port = port;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        TimeUnit.MILLISECONDS.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.interrupt();
                thread.join(2000);
            }
        }

        private void sample() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rssMb = Math.max(rssMb, Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                    }
                }
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                double heap = 0;
                for (String line : metrics.lines().toList()) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                heapMb = Math.max(heapMb, heap / (1024 * 1024));
            } catch (IOException | RuntimeException e) {
                // the process is going away; keep the peaks seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        double peakHeapMb() {
            return heapMb;
        }

        double peakRssMb() {
            return rssMb;
        }
    }

    // ---- apps and the sandbox ---------------------------------------------------------------------------------------

    private static EcsApp app(String name) {
        // Health checks as short as the target group allows, so that the rollout, not the checks, sets the pace.
        return OperatorOnSandbox.app(name, """
                image: nginx:1.27
                replicas: 1
                loadBalancer:
                  pathPatterns: ["/%s/*"]
                  healthCheck:
                    intervalSeconds: 6
                    healthyThreshold: 2
                  deregistrationDelaySeconds: 5
                """.formatted(name));
    }

    private static boolean ready(EcsApp app) {
        return condition(app, "Ready");
    }

    private static boolean condition(EcsApp app, String type) {
        return app.getStatus() != null && app.getStatus().conditions().stream()
                .anyMatch(c -> c.type().equals(type) && c.status().equals("True"));
    }

    private boolean rolloutCompleted(String service) throws IOException, InterruptedException {
        for (JsonNode s : JSON.readTree(control("GET", "state", "")).path("ecs").path("services")) {
            if (s.path("serviceName").asText().equals(service)) {
                return "COMPLETED".equals(s.path("deployments").path(0).path("rolloutState").asText());
            }
        }
        return false;
    }

    private void removeApps() {
        for (EcsApp app : kubernetes.resources(EcsApp.class).inNamespace(NAMESPACE).list().getItems()) {
            kubernetes.resources(EcsApp.class).inNamespace(NAMESPACE).withName(app.getMetadata().getName())
                    .edit(a -> {
                        a.getMetadata().setFinalizers(List.of());
                        return a;
                    });
            kubernetes.resources(EcsApp.class).inNamespace(NAMESPACE).withName(app.getMetadata().getName()).delete();
        }
    }

    private void installCrd() throws IOException {
        try (InputStream crd = Files.newInputStream(Path.of("crds", "ecsapps.ecsapp.dev-v1.yml"))) {
            kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).createOr(c -> c.update());
        }
    }

    private Map<String, Long> calls() throws IOException, InterruptedException {
        return OperatorOnSandbox.countCalls(JSON.readTree(control("GET", "calls", "")));
    }

    private long throttled() throws IOException, InterruptedException {
        long throttled = 0;
        JsonNode calls = JSON.readTree(control("GET", "calls", ""));
        for (JsonNode service : calls) {
            for (JsonNode action : service) {
                throttled += action.path("Throttling").asLong(0) + action.path("ThrottlingException").asLong(0);
            }
        }
        return throttled;
    }

    private static long sum(Map<String, Long> calls, boolean writes) {
        return calls.entrySet().stream().filter(e -> OperatorOnSandbox.isWrite(e.getKey()) == writes)
                .mapToLong(Map.Entry::getValue).sum();
    }

    private String control(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws + "/_sandbox/" + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.println("| apps | apply to all Ready (s) | floor: rate limits + one rollout (s) | ratio | Ready lag "
                + "after rollout (s) | writes/app | reads/app (create) | throttled | reads/app/check (Ready) | "
                + "reads/app/full resync | writes while Ready | peak heap (MB) | peak RSS (MB) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.println(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %s | %.1f | %.1f | %d | %.2f | "
                    + "%.1f | %d | %.0f | %.0f |", r.apps(), r.readySeconds(), r.floorSeconds(),
                    r.readySeconds() / r.floorSeconds(), Double.isNaN(r.lagSeconds()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.lagSeconds()), r.writesPerApp(), r.readsPerApp(),
                    r.throttled(), r.checkReadsPerApp(), r.fullReadsPerApp(), r.idleWrites(), r.heapMb(),
                    r.rssMb()));
        }
    }
}
