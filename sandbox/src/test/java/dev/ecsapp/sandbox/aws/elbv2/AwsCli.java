package dev.ecsapp.sandbox.aws.elbv2;

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

/** Runs the AWS CLI v2 ({@code /usr/bin/aws}) against the sandbox, as a person would. */
final class AwsCli {

    private static final Path CLI = Path.of("/usr/bin/aws");

    /** What one command did: its exit code, its output parsed as JSON (when any), and its error text. */
    record Result(int exitCode, JsonNode json, String stderr) {
    }

    private final String endpoint;

    AwsCli(String endpoint) {
        this.endpoint = endpoint;
    }

    Result run(String... arguments) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(CLI))
                .withFailMessage("the AWS CLI v2 is missing at /usr/bin/aws: apt-get install awscli").isTrue();
        List<String> command = new ArrayList<>(List.of(CLI.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "AKIASANDBOX", "AWS_SECRET_ACCESS_KEY", "x",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", "", "AWS_EC2_METADATA_DISABLED", "true"));
        // Output goes to files, so that a full pipe never blocks the CLI and the timeout holds.
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).withFailMessage("the AWS CLI did not finish in 60 s").isTrue();
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(process.exitValue(), stdout.isBlank() ? null : new ObjectMapper().readTree(stdout),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
