package dev.ecsapp.sandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI v2, run as a user runs it, against the sandbox. The v2 CLI is Debian's {@code awscli} package at
 * /usr/bin/aws (the {@code aws} first on the image's PATH is a v1 CLI); .ci/run installs it.
 */
public final class AwsCli {

    public static final Path BINARY = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exit code, standard output and standard error of one command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private final String endpoint;

    public AwsCli(String endpoint) {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("the AWS CLI v2 is not installed at " + BINARY + ": apt-get install awscli");
        }
        this.endpoint = endpoint;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--endpoint-url", endpoint, "--output",
                "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIASANDBOX");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().remove("AWS_PROFILE");
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            // Output goes to files, so that a full pipe never blocks the CLI and the timeout holds.
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
