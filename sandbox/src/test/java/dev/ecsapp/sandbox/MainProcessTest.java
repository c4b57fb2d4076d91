package dev.ecsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox as a person starts it: flags, what it prints, how it stops. */
class MainProcessTest {

    @TempDir
    Path dir;

    private Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus|sandbox: unknown flag '--bogus' (see --help)",
        "--aws-port=99999|sandbox: --aws-port: '99999' is not a port from 0 to 65535",
        "--speed=fast|sandbox: --speed: 'fast' is not a number from 0 to 10000",
        "--region=mars|sandbox: --region: 'mars' is not a region name like us-east-1",
        "--kubeconfig|sandbox: --kubeconfig needs a value (see --help)",
    })
    void aBadFlagPrintsOneLineAndExitsWithCode2(String flag, String message) throws Exception {
        Process process = launch(flag);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("stderr"))).containsExactly(message);
    }

    @Test
    void itPrintsItsEndpointsServesAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Process process = launch("--aws-port", Integer.toString(port), "--kubeconfig",
                dir.resolve("kubeconfig").toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).startsWith("AWS endpoint:    http://127.0.0.1:" + port);

            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/_sandbox/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(200);

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
