package dev.ecsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI v2 ({@value #PATH}, not the v1 that may come first on PATH) against a sandbox, with dummy keys
 * and JSON output, and parses what it prints.
 */
public final class AwsCliV2 {

    public static final String PATH = "/usr/bin/aws";

    /** What one command did: its exit code, standard output and standard error. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The output as JSON; fails the test with the CLI's error when the command did not succeed. */
        public JsonNode json() throws IOException {
            assertThat(exitCode).as("aws exit code; stderr: %s", stderr).isZero();
            return new ObjectMapper().readTree(stdout.isBlank() ? "{}" : stdout);
        }
    }

    private final String endpoint;

    public AwsCliV2(String endpoint) {
        this.endpoint = endpoint;
    }

    public Result run(String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PATH))) {
            throw new AssertionError("the AWS CLI v2 is not installed at " + PATH + ": apt-get install awscli");
        }
        List<String> command = new ArrayList<>(List.of(PATH));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", "AKIASANDBOX");
        environment.put("AWS_SECRET_ACCESS_KEY", "x");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        // Files rather than pipes, so that a large output cannot block the CLI while the test waits for it.
        Path stdout = Files.createTempFile("aws-cli", ".out");
        Path stderr = Files.createTempFile("aws-cli", ".err");
        try {
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish in 60 seconds");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
