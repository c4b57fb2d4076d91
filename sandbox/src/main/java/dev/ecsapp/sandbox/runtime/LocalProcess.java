package dev.ecsapp.sandbox.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A container's process: {@code unshare --pid --fork --kill-child ...} started by the runtime, whose one child is
 * the container's PID 1 in a PID namespace of its own. Killing PID 1 ends every process of the namespace, and
 * {@code --kill-child} kills PID 1 when unshare itself dies, so nothing the container started outlives it.
 *
 * <p>Its stdout and stderr are read line by line on threads of their own; the exit is reported after both ended.
 */
final class LocalProcess {

    /** How long the exit waits for the last lines when a grandchild outside the namespace keeps a pipe open. */
    private static final long DRAIN_MILLIS = 2_000;
    /**
     * What util-linux's unshare prints, exiting 1, when PID 1 was killed by SIGKILL: it tries to end itself by the
     * same signal and cannot unblock that one. The container's exit is then reported as Docker does, 137, and the
     * line, which is unshare's and not the container's, is not passed on to its log.
     */
    static final String UNSHARE_SIGKILL_LINE = "unshare: sigprocmask unblock failed: Invalid argument";

    private final Process process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean stopRequested;
    private volatile boolean initKilled;

    private LocalProcess(Process process) {
        this.process = process;
    }

    static LocalProcess start(String name, List<String> command, Map<String, String> environment,
            TaskListener listener) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        LocalProcess local = new LocalProcess(builder.start());
        local.process.getOutputStream().close();
        Thread stdout = local.pump(name + "-stdout", local.process.getInputStream(), TaskListener.Stream.STDOUT,
                listener);
        Thread stderr = local.pump(name + "-stderr", local.process.getErrorStream(), TaskListener.Stream.STDERR,
                listener);
        Thread waiter = new Thread(() -> {
            try {
                int code = local.process.waitFor();
                stdout.join(DRAIN_MILLIS);
                stderr.join(DRAIN_MILLIS);
                local.exit.complete(code == 1 && local.initKilled ? 137 : code);
            } catch (InterruptedException e) {
                local.exit.completeExceptionally(e);
            }
        }, name + "-exit");
        waiter.setDaemon(true);
        waiter.start();
        return local;
    }

    private Thread pump(String name, InputStream stream, TaskListener.Stream which, TaskListener listener) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (which == TaskListener.Stream.STDERR && line.equals(UNSHARE_SIGKILL_LINE)) {
                        initKilled = true;
                        continue;
                    }
                    listener.output(line, which, Instant.now());
                }
            } catch (IOException | UncheckedIOException e) {
                // The pipe closed under us: the process is gone, and so is the rest of its output.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The container's PID 1, as the host sees it: unshare's child (absent for an instant after the start). */
    Optional<ProcessHandle> containerInit() {
        return process.toHandle().children().findFirst();
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean stopRequested() {
        return stopRequested;
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    /**
     * SIGTERM to PID 1, SIGKILL after {@code grace}. As in a container without an init process, PID 1 only sees a
     * SIGTERM it installed a handler for; a process that ignores it lasts the whole grace period.
     */
    void stop(Duration grace, ScheduledExecutorService timers) {
        stopRequested = true;
        if (grace.isZero() || grace.isNegative()) {
            kill();
            return;
        }
        containerInit().ifPresentOrElse(ProcessHandle::destroy, process::destroy);
        timers.schedule(this::kill, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL to everything: PID 1 ends its namespace, unshare ends with it. */
    void kill() {
        stopRequested = true;
        if (process.isAlive()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
