package dev.ecsapp.deploy.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command of the repository's tooling (bash, node) the way CI does and hands back what it said. */
final class Processes {

    /** Exit code and both outputs of one finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private Processes() {
    }

    static Result run(Path workDir, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("workflow-test", ".out");
            Path err = Files.createTempFile("workflow-test", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
                builder.environment().putAll(env);
                // Output goes to files, so that a full pipe never blocks the child and the timeout holds.
                Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
