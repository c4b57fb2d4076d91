package dev.ecsapp.sandbox.kubernetes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the kubectl found on the PATH against one kubeconfig, with bounded time, and keeps what it printed. */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 30;

    private final Path binary;
    private final Path kubeconfig;
    private final Path workDir;
    private final Map<String, String> environment;

    Kubectl(Path kubeconfig, Path workDir, Map<String, String> environment) {
        this.binary = onPath();
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
        this.environment = environment;
    }

    Kubectl(Path kubeconfig, Path workDir) {
        this(kubeconfig, workDir, Map.of());
    }

    Kubectl withEnvironment(String name, String value) {
        return new Kubectl(kubeconfig, workDir, Map.of(name, value));
    }

    /** What one kubectl run printed, and how it ended. */
    record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--kubeconfig=" + kubeconfig,
                // A cache per test: a port used again must not find an earlier server's discovery.
                "--cache-dir=" + workDir.resolve("kube-cache"),
                "--request-timeout=10s"));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(workDir, "kubectl", ".out");
            Path err = Files.createTempFile(workDir, "kubectl", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("KUBECONFIG");
            builder.environment().put("HOME", workDir.toString());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("kubectl " + String.join(" ", arguments) + " ran over "
                        + TIMEOUT_SECONDS + "s; it printed:\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("kubectl is not on the PATH: these tests run the real kubectl (v1.32 is on the "
                + "machine image and the CI image; elsewhere install it from https://kubernetes.io/docs/tasks/tools/)");
    }
}
