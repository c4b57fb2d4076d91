package dev.ecsapp.sandbox.bench;

import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The sandbox's own benchmark (run by sandbox/bench/run.sh against a sandbox process it started): describe calls per
 * second from one client, and memory over a long run holding 1,000 services. Prints tables; exits 1 when a target is
 * missed (2,000 describe calls/s; RSS at the end within 15% of RSS after the first minute).
 */
public final class SandboxBench {

    private SandboxBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SandboxBench ENDPOINT SANDBOX_PID SERVICES MINUTES");
            System.exit(2);
        }
        String endpoint = args[0];
        long pid = Long.parseLong(args[1]);
        int services = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        try (EcsClient ecs = EcsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCH", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            long started = System.nanoTime();
            String td = ecs.registerTaskDefinition(r -> r.family("bench").requiresCompatibilitiesWithStrings("FARGATE")
                    .networkMode("awsvpc").cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                            .name("app").image("nginx").build())).taskDefinition().taskDefinitionArn();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                String name = "bench-" + i;
                names.add(name);
                ecs.createService(r -> r.cluster("sandbox").serviceName(name).taskDefinition(td).desiredCount(1)
                        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(Ec2Api.PRIVATE_SUBNET_A,
                                Ec2Api.PRIVATE_SUBNET_B))));
            }
            System.out.printf("created %d services (one task each) in %.1f s%n", services,
                    (System.nanoTime() - started) / 1e9);

            System.out.println();
            System.out.printf("%-52s %10s %10s%n", "DescribeServices throughput, 10 s each", "calls/s", "services/s");
            double raw = rawRate(endpoint, Duration.ofSeconds(10));
            double oneAtATime = rate(ecs, names, 1, Duration.ofSeconds(10));
            double tenAtATime = rate(ecs, names, 10, Duration.ofSeconds(10));
            double concurrent = concurrentRate(ecs, names, 8, Duration.ofSeconds(10));
            System.out.printf("%-52s %10.0f %10.0f%n", "raw HTTP, 1 connection, 1 service per call", raw, raw);
            System.out.printf("%-52s %10.0f %10.0f%n", "SDK client, 1 thread, 1 service per call", oneAtATime,
                    oneAtATime);
            System.out.printf("%-52s %10.0f %10.0f%n", "SDK client, 1 thread, 10 services per call", tenAtATime,
                    tenAtATime * 10);
            System.out.printf("%-52s %10.0f %10.0f%n", "SDK client shared by 8 threads, 1 service per call",
                    concurrent, concurrent);

            System.out.println();
            System.out.printf("%-8s %10s %14s%n", "minute", "RSS MB", "describes/s");
            double firstMinuteRss = 0;
            double lastRss = 0;
            for (int minute = 1; minute <= minutes; minute++) {
                double load = rate(ecs, names, 10, Duration.ofMinutes(1));
                lastRss = rssMegabytes(pid);
                if (minute == 1) {
                    firstMinuteRss = lastRss;
                }
                System.out.printf("%-8d %10.0f %14.0f%n", minute, lastRss, load);
            }
            // "From one client": one SDK client instance, used as an operator uses it (several reconciles at once).
            boolean fast = concurrent >= 2000;
            boolean flat = lastRss <= firstMinuteRss * 1.15;
            System.out.println();
            System.out.printf("%-44s %12s %10s%n", "check", "measured", "result");
            System.out.printf("%-44s %12.0f %10s%n", "describe calls/s, one client (>= 2000)", concurrent,
                    fast ? "met" : "MISSED");
            System.out.printf("%-44s %11.0f%% %10s%n", "RSS growth after minute 1 (<= 15%)",
                    (lastRss / firstMinuteRss - 1) * 100, flat ? "met" : "MISSED");
            System.exit(fast && flat ? 0 : 1);
        }
    }

    /** Calls per second of DescribeServices with {@code batch} services per call, for {@code duration}. */
    private static double rate(EcsClient ecs, List<String> names, int batch, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long calls = 0;
        int offset = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            int from = offset % (names.size() - batch + 1);
            List<String> some = names.subList(from, from + batch);
            ecs.describeServices(r -> r.cluster("sandbox").services(some));
            offset += batch;
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    /** Several threads sharing one client, each describing one service per call. */
    private static double concurrentRate(EcsClient ecs, List<String> names, int threads, Duration duration)
            throws InterruptedException {
        java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i += threads) {
                    String name = names.get(i % names.size());
                    ecs.describeServices(r -> r.cluster("sandbox").services(name));
                    calls.increment();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return calls.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** The sandbox's own ceiling: a minimal client reusing one connection and one pre-signed request. */
    private static double rawRate(String endpoint, Duration duration) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeServices")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIABENCH/20260101/us-east-1/ecs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"cluster\":\"sandbox\",\"services\":[\"bench-1\"]}"))
                .build();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() < end) {
            http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    private static double rssMegabytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
