package dev.ecsapp.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs {@link Main} as its own process, as ECS does: exit codes, signals and stdout are only visible from outside. */
class ProcessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process launch(Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().keySet().removeIf(name -> name.equals("PORT") || name.startsWith("SHUTDOWN_")
                || name.equals("LOG_LEVEL") || name.equals("APP_VERSION") || name.equals("BIND_ADDRESS"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls until the service answers, for at most ten seconds. */
    private static HttpResponse<String> awaitAnswer(int port, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                last = notYet;
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("service did not answer on " + uri, last);
    }

    private List<String> lines(String stream) throws IOException {
        return new ArrayList<>(Files.readAllLines(dir.resolve(stream), StandardCharsets.UTF_8));
    }

    @Test
    void sigtermDrainsAndExitsZeroWithJsonLogsOnly() throws Exception {
        int port = freePort();
        Process process = launch(Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1",
                "SHUTDOWN_TIMEOUT", "5s"));
        try {
            assertThat(awaitAnswer(port, "/health").statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM on Linux

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within the timeout").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
        List<String> stdout = lines("stdout");
        assertThat(stdout).isNotEmpty();
        List<JsonObject> records = stdout.stream().map(JsonObject::new).toList();
        assertThat(records).allSatisfy(r -> assertThat(r.fieldNames()).contains("time", "level", "logger", "message"));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getString("logger")).isEqualTo("access");
            assertThat(r.getString("path")).isEqualTo("/health");
            assertThat(r.getInteger("status")).isEqualTo(200);
        });
        assertThat(records).extracting(r -> r.getString("message")).contains("serving", "draining", "stopped");
        assertThat(lines("stderr")).isEmpty();
    }

    @Test
    void appVersionInTheEnvironmentOverridesTheBuiltVersion() throws Exception {
        int port = freePort();
        Process process = launch(Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1",
                "APP_VERSION", "2026.11.26-abc1234"));
        try {
            HttpResponse<String> version = awaitAnswer(port, "/version");

            assertThat(version.statusCode()).isEqualTo(200);
            JsonObject body = new JsonObject(version.body());
            assertThat(body.getString("version")).isEqualTo("2026.11.26-abc1234");
            assertThat(body.getString("commit")).isNotBlank();
            assertThat(body.getString("buildTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "PORT, 70000, PORT=\"70000\" is not a port number",
        "PORT, http, PORT=\"http\" is not a port number",
        "SHUTDOWN_TIMEOUT, 0, SHUTDOWN_TIMEOUT=\"0\" is not a valid duration",
        "SHUTDOWN_TIMEOUT, 10m, SHUTDOWN_TIMEOUT=\"10m\" is not a valid duration",
        "LOG_LEVEL, loud, LOG_LEVEL=\"loud\" is not a log level",
    })
    void badConfigurationRefusesToStartWithOneLineAndExitCode2(String name, String value, String expected)
            throws Exception {
        Process process = launch(Map.of(name, value));

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        List<String> stderr = lines("stderr");
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).startsWith("service: " + expected);
        assertThat(lines("stdout")).isEmpty();
    }

    @Test
    void aPortInUseFailsTheStartWithExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process process = launch(Map.of("PORT", Integer.toString(taken.getLocalPort()),
                    "BIND_ADDRESS", "127.0.0.1"));

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(lines("stdout")).anySatisfy(line -> {
                JsonObject record = new JsonObject(line);
                assertThat(record.getString("level")).isEqualTo("ERROR");
                assertThat(record.getString("message")).startsWith("could not start");
            });
        }
    }
}
