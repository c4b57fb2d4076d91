package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container's health check the way Docker does for ECS: every interval, inside the container (its network,
 * PID and mount namespaces and its root, entered with nsenter), with the container's environment. A pass makes it
 * HEALTHY; {@code retries} failures in a row make it UNHEALTHY, except that failures in the start period do not
 * count. A check that outlasts its timeout is killed and fails.
 */
final class HealthMonitor {

    private final HealthCheckSpec spec;
    private final LocalProcess container;
    private final Map<String, String> environment;
    private final TaskListener listener;
    private final String nsenter;
    private final Instant startedAt = Instant.now();
    private volatile TaskListener.Health status = TaskListener.Health.UNKNOWN;
    private int failuresInARow;
    private ScheduledFuture<?> schedule;

    HealthMonitor(HealthCheckSpec spec, LocalProcess container, Map<String, String> environment,
            TaskListener listener, String nsenter) {
        this.spec = spec;
        this.container = container;
        this.environment = environment;
        this.listener = listener;
        this.nsenter = nsenter;
    }

    synchronized void start(ScheduledExecutorService timers) {
        long interval = Math.max(1, spec.interval().toMillis());
        schedule = timers.scheduleWithFixedDelay(this::checkOnce, interval, interval, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    TaskListener.Health status() {
        return status;
    }

    private void checkOnce() {
        if (!container.alive()) {
            return;
        }
        boolean passed = passes();
        TaskListener.Health next;
        synchronized (this) {
            if (passed) {
                failuresInARow = 0;
                next = TaskListener.Health.HEALTHY;
            } else if (Duration.between(startedAt, Instant.now()).compareTo(spec.startPeriod()) < 0) {
                next = status;
            } else {
                failuresInARow++;
                next = failuresInARow >= spec.retries() ? TaskListener.Health.UNHEALTHY : status;
            }
        }
        if (next != status && container.alive()) {
            status = next;
            listener.health(next);
        }
    }

    private boolean passes() {
        Optional<ProcessHandle> init = container.containerInit();
        if (init.isEmpty()) {
            return false;
        }
        List<String> command = new ArrayList<>(List.of(nsenter, "--target", Long.toString(init.get().pid()),
                "--net", "--pid", "--mount", "--root", "--wd", "--"));
        command.addAll(spec.argv());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process check;
        try {
            check = builder.start();
        } catch (IOException e) {
            return false;
        }
        try {
            if (!check.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                check.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (InterruptedException e) {
            check.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            check.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
