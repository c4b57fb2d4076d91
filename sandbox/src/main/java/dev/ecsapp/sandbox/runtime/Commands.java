package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The host's iproute2 and util-linux commands the runtime drives, run to completion with a bound on the wait. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 20;
    private static final List<String> BIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Commands() {
    }

    /** The absolute path of a system command, not looked up in PATH: the runtime's environment is not trusted. */
    static Optional<String> find(String name) {
        return BIN.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString)
                .findFirst();
    }

    /** Runs the command; a non-zero exit is an IOException carrying the command and its first line of output. */
    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no exit after " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String firstLine = output.isEmpty() ? "exit " + process.exitValue() : output.lines().findFirst().get();
            throw new IOException(String.join(" ", command) + ": " + firstLine);
        }
    }

    /** Runs the command and ignores its failure: for cleanup of something that may already be gone. */
    static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (IOException e) {
            // Already gone is what cleanup wants.
        }
    }
}
