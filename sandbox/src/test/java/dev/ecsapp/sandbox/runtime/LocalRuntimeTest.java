package dev.ecsapp.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * Real processes in real namespaces: needs Linux and root (or CAP_NET_ADMIN), skipped elsewhere with the runtime's
 * own reason. The addresses are of a range no sandbox subnet uses by default, so a run next to a sandbox with
 * local tasks does not collide with it.
 */
class LocalRuntimeTest {

    private LocalRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        runtime = LocalRuntime.start(new TestImages());
        Assumptions.assumeTrue(runtime.unavailableReason().isEmpty(), () -> runtime.unavailableReason().get());
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Everything a task reports, in order. */
    static final class Recorder implements TaskListener {
        final List<String> stdout = new CopyOnWriteArrayList<>();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final List<Health> health = new CopyOnWriteArrayList<>();
        final CompletableFuture<int[]> exit = new CompletableFuture<>();
        volatile boolean outOfMemory;

        @Override
        public void outOfMemory() {
            outOfMemory = true;
        }

        @Override
        public void output(String line, Stream stream, Instant at) {
            (stream == Stream.STDOUT ? stdout : stderr).add(line);
        }

        @Override
        public void health(Health status) {
            health.add(status);
        }

        @Override
        public void exited(int exitCode, boolean stoppedByRuntime) {
            exit.complete(new int[] {exitCode, stoppedByRuntime ? 1 : 0});
        }

        int[] awaitExit() throws Exception {
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    private static ContainerDefinition.Builder container() {
        return ContainerDefinition.builder().name("app").image(TestImages.IMAGE);
    }

    @Test
    void theImagesEntrypointRunsChrootedInTheTasksNamespaceWithItsEnvironment() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t1", "10.213.0.11", container()
                .environment(KeyValuePair.builder().name("TASK_VAR").value("from-task").build(),
                        KeyValuePair.builder().name("OVERRIDDEN").value("task").build())
                .build(), Map.of("SECRET", "s3cr3t"), recorder);

        int[] exit = recorder.awaitExit();

        assertThat(exit).containsExactly(3, 0);
        assertThat(recorder.stdout).contains("IMAGE_VAR=from-image", "TASK_VAR=from-task", "SECRET=s3cr3t",
                "OVERRIDDEN=task", "pwd=/app", "pid=1", "args=from-cmd", "doomed-gone", "chrooted");
        assertThat(recorder.stdout).as("the task's address is in its own routing table")
                .anyMatch(line -> line.contains("10.213.0.11"));
        assertThat(recorder.stderr).containsExactly("to stderr");
        assertThat(task.exit()).isCompletedWithValue(3);
        assertThat(runtime.runsLocally("10.213.0.11")).isFalse();
        assertThat(ipOutput("netns", "list")).doesNotContain(task.network().namespace());
        assertThat(ipOutput("link")).doesNotContain(task.network().hostVeth());
    }

    @Test
    void aListenerAtTheTaskAddressIsReachableFromTheHostAndTheTaskReachesTheHost(@TempDir Path dir)
            throws Exception {
        Path server = dir.resolve("Serve.java");
        Files.writeString(server, """
                import com.sun.net.httpserver.HttpServer;
                import java.io.*;
                import java.net.*;
                public class Serve {
                    public static void main(String[] args) throws Exception {
                        try (Socket socket = new Socket(args[2], Integer.parseInt(args[3]))) {
                            String line = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
                            System.out.println("host says " + line);
                        }
                        HttpServer http = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 0);
                        http.createContext("/", exchange -> {
                            byte[] body = "hello from the task".getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        http.start();
                        System.out.println("listening");
                    }
                }
                """);
        try (ServerSocket host = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            Thread greeter = new Thread(() -> {
                try (Socket socket = host.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("hi\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The assertion on the task's output tells.
                }
            });
            greeter.setDaemon(true);
            greeter.start();

            Recorder recorder = new Recorder();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            RunningTask task = runtime.runOnHost("t2", "10.213.0.12", new ContainerCommand(List.of(java,
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", server.toString(), "10.213.0.12", "8080",
                    TaskNetwork.HOST_ADDRESS, Integer.toString(host.getLocalPort())),
                    Map.of("PATH", "/usr/bin:/bin"), dir.toString()), Duration.ofSeconds(5), recorder);

            await().atMost(Duration.ofSeconds(90)).until(() -> recorder.stdout.contains("listening")
                    || recorder.exit.isDone());
            assertThat(recorder.stdout).as(recorder.stderr.toString()).contains("host says hi", "listening");
            assertThat(runtime.runsLocally("10.213.0.12")).isTrue();

            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://10.213.0.12:8080/"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from the task");

            task.stop();
            int[] exit = recorder.awaitExit();
            assertThat(exit[1]).as("stopped by the runtime").isEqualTo(1);
            assertThat(exit[0]).as("the JVM exits on SIGTERM").isEqualTo(143);
            assertThat(runtime.runsLocally("10.213.0.12")).isFalse();
        }
    }

    /*
     * Fargate's limit, locally: the task's memory cgroup is limited to what it was given, its process is in it, and
     * it reads the limit where a container does (a JVM sizes its heap from that file); the cgroup goes with the task.
     */
    @Test
    void aTaskIsLimitedToItsMemoryAndSeesTheLimitWhereAContainerDoes() throws Exception {
        Assumptions.assumeTrue(TaskMemory.parent().isPresent(), "no cgroup v1 memory hierarchy the test can write to");
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t9", "10.213.0.19", container().entryPoint("/bin/sh", "-c")
                .command("read limit < /sys/fs/cgroup/memory/memory.limit_in_bytes; echo limit=$limit; "
                        + "while read line; do echo cgroup=$line; done < /proc/self/cgroup; "
                        + "echo ready; while :; do sleep 1; done").stopTimeout(1).build(), Map.of(), OptionalInt.of(64),
                recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));

        assertThat(recorder.stdout).contains("limit=" + 64 * 1024 * 1024);
        String memoryCgroup = recorder.stdout.stream().filter(line -> line.matches("cgroup=[0-9]+:memory:.*"))
                .findFirst().orElseThrow().replaceFirst("cgroup=[0-9]+:memory:", "");
        Path onHost = Path.of("/sys/fs/cgroup/memory" + memoryCgroup);
        assertThat(onHost.getFileName().toString()).startsWith("ecsapp-");
        assertThat(Files.readString(onHost.resolve("memory.limit_in_bytes")).strip())
                .isEqualTo(Long.toString(64L * 1024 * 1024));
        assertThat(Files.readAllLines(onHost.resolve("cgroup.procs"))).isNotEmpty();

        task.stop();
        recorder.awaitExit();
        assertThat(onHost).doesNotExist();
    }

    /* Going over the limit: the kernel kills the process (137), and the runtime says it was for memory. */
    @Test
    void aTaskOverItsMemoryLimitIsKilledAndReportedOutOfMemory() throws Exception {
        Assumptions.assumeTrue(TaskMemory.parent().isPresent(), "no cgroup v1 memory hierarchy the test can write to");
        Recorder recorder = new Recorder();
        runtime.run("t10", "10.213.0.20", container().entryPoint("/bin/sh", "-c")
                .command("x=0123456789abcdef; while :; do x=\"$x$x\"; done").build(), Map.of(), OptionalInt.of(16),
                recorder);

        assertThat(recorder.awaitExit()).as("%s %s", recorder.stdout, recorder.stderr).containsExactly(137, 0);
        assertThat(recorder.outOfMemory).isTrue();
        assertThat(recorder.stderr).doesNotContain(LocalProcess.UNSHARE_SIGKILL_LINE);
    }

    /* A SIGKILL of PID 1 from outside (kill -9 on the host) is exit code 137, as a container's would be. */
    @Test
    void aTaskWhoseProcessIsKilledFromOutsideExitsWith137() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t11", "10.213.0.21", container().entryPoint("/bin/sh", "-c")
                .command("echo ready; while :; do sleep 1; done").build(), Map.of(), recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));

        task.containerProcess().orElseThrow().destroyForcibly();

        assertThat(recorder.awaitExit()).containsExactly(137, 0);
        assertThat(recorder.stderr).doesNotContain(LocalProcess.UNSHARE_SIGKILL_LINE);
        assertThat(recorder.outOfMemory).isFalse();
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterItsStopTimeout() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t3", "10.213.0.13", container().entryPoint("/bin/sh", "-c")
                .command("trap '' TERM; echo ready; while :; do sleep 1; done").stopTimeout(2).build(), Map.of(),
                recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));

        long started = System.nanoTime();
        task.stop();
        int[] exit = recorder.awaitExit();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(exit).containsExactly(137, 1);
        assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(10));
    }

    @Test
    void aProcessHandlingSigtermExitsAtOnceWithItsOwnCode() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t4", "10.213.0.14", container().entryPoint("/bin/sh", "-c")
                .command("trap 'echo bye; exit 0' TERM; echo ready; while :; do sleep 1 & wait $!; done")
                .stopTimeout(20).build(), Map.of(), recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));

        long started = System.nanoTime();
        task.stop();
        int[] exit = recorder.awaitExit();

        assertThat(exit).containsExactly(0, 1);
        assertThat(recorder.stdout).contains("bye");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void healthChecksRunInsideTheContainer() throws Exception {
        Recorder healthy = new Recorder();
        Recorder unhealthy = new Recorder();
        String sleepForever = "echo ready; while :; do sleep 1; done";
        // Only inside the chroot is there an /app/run.sh, and only in the container's environment is IMAGE_VAR set.
        RunningTask good = runtime.run("t5", "10.213.0.15", container().entryPoint("/bin/sh", "-c")
                .command(sleepForever).stopTimeout(1).healthCheck(HealthCheck.builder()
                        .command("CMD-SHELL", "test -e /app/run.sh && test \"$IMAGE_VAR\" = from-image")
                        .interval(1).timeout(5).retries(2).build()).build(), Map.of(), healthy);
        RunningTask bad = runtime.run("t6", "10.213.0.16", container().entryPoint("/bin/sh", "-c")
                .command(sleepForever).stopTimeout(1).healthCheck(HealthCheck.builder()
                        .command("CMD", "/bin/sh", "-c", "exit 1").interval(1).timeout(5).retries(2).build())
                .build(), Map.of(), unhealthy);
        assertThat(good.health()).isEqualTo(TaskListener.Health.UNKNOWN);

        await().atMost(Duration.ofSeconds(30)).until(() -> good.health() == TaskListener.Health.HEALTHY
                && bad.health() == TaskListener.Health.UNHEALTHY);
        assertThat(healthy.health).containsExactly(TaskListener.Health.HEALTHY);
        assertThat(unhealthy.health).containsExactly(TaskListener.Health.UNHEALTHY);
        assertThat(runtime.runsLocally("10.213.0.15")).isTrue();
        assertThat(runtime.runsLocally("10.213.0.16")).isTrue();
    }

    /*
     * Found by RolloutUnderTrafficTest: without a route of its own, a connection to a stopped task's address followed
     * the host's default route, and a proxy on the network answered the load balancer with 403s.
     */
    @Test
    void aStoppedTasksAddressIsUnreachableUntilTheRuntimeCloses() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t8", "10.213.0.18", container().entryPoint("/bin/sh", "-c")
                .command("echo ready; while :; do sleep 1; done").build(), Map.of(), recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));

        task.stop(Duration.ZERO);
        recorder.awaitExit();

        assertThat(ipOutput("route", "show", "table", "main")).contains("unreachable 10.213.0.18");
        long started = System.nanoTime();
        assertThatThrownBy(() -> new Socket("10.213.0.18", 5000).close()).isInstanceOf(IOException.class)
                .hasMessageContaining("No route to host");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        runtime.close();

        assertThat(ipOutput("route", "show", "table", "main")).doesNotContain("10.213.0.18");
    }

    @Test
    void closeKillsTasksAndRemovesNamespacesInterfacesAndFiles() throws Exception {
        Recorder recorder = new Recorder();
        RunningTask task = runtime.run("t7", "10.213.0.17", container().entryPoint("/bin/sh", "-c")
                .command("trap '' TERM; echo ready; while :; do sleep 1; done").build(), Map.of(), recorder);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.stdout.contains("ready"));
        assertThat(ipOutput("netns", "list")).contains(task.network().namespace());
        assertThat(ipOutput("link")).contains(task.network().hostVeth());
        assertThat(ipOutput("route")).contains("10.213.0.17 dev " + task.network().hostVeth());

        runtime.close();

        assertThat(recorder.awaitExit()).containsExactly(137, 1);
        assertThat(ipOutput("netns", "list")).doesNotContain(task.network().namespace());
        assertThat(ipOutput("link")).doesNotContain(task.network().hostVeth());
        assertThat(ipOutput("route")).doesNotContain("10.213.0.17");
        assertThat(runtime.runsLocally("10.213.0.17")).isFalse();
        assertThat(runtime.canRun(TestImages.IMAGE)).isFalse();
    }

    @Test
    void onlyImagesOfTheRegistryCanRun() {
        assertThat(runtime.canRun(TestImages.IMAGE)).isTrue();
        assertThat(runtime.canRun("docker.io/library/nginx:latest")).isFalse();
        assertThat(LocalRuntime.disabled("not asked for").canRun(TestImages.IMAGE)).isFalse();
    }

    private static String ipOutput(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Commands.find("ip").orElseThrow()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }
}
