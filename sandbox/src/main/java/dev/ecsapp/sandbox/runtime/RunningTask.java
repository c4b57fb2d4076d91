package dev.ecsapp.sandbox.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** A task running as a local process: its network, its process and its health check, stopped as one. */
public final class RunningTask {

    private final String taskId;
    private final TaskNetwork network;
    private final LocalProcess process;
    private final Optional<Path> root;
    private final Optional<HealthMonitor> health;
    private final Duration stopTimeout;
    private final ScheduledExecutorService timers;

    RunningTask(String taskId, TaskNetwork network, LocalProcess process, Optional<Path> root,
            Optional<HealthMonitor> health, Duration stopTimeout, ScheduledExecutorService timers) {
        this.taskId = taskId;
        this.root = root;
        this.network = network;
        this.process = process;
        this.health = health;
        this.stopTimeout = stopTimeout;
        this.timers = timers;
    }

    public String taskId() {
        return taskId;
    }

    public String ip() {
        return network.ip();
    }

    public TaskNetwork network() {
        return network;
    }

    /** The root filesystem the process is chroot'd into (shared by the tasks of its image); empty without chroot. */
    public Optional<Path> rootDirectory() {
        return root;
    }

    public boolean alive() {
        return process.alive();
    }

    /**
     * The container's main process: PID 1 of its PID namespace, what {@code docker kill} or the OOM killer would end.
     * Empty once it exited.
     */
    public Optional<ProcessHandle> containerProcess() {
        return process.containerInit();
    }

    /** The container health check's status; UNKNOWN without one. */
    public TaskListener.Health health() {
        return health.map(HealthMonitor::status).orElse(TaskListener.Health.UNKNOWN);
    }

    /** The exit code, once the process and its output ended (the network is gone by then too). */
    public CompletableFuture<Integer> exit() {
        return process.exit();
    }

    /** SIGTERM, then SIGKILL after the container definition's stopTimeout (30 s without one). */
    public void stop() {
        stop(stopTimeout);
    }

    public void stop(Duration grace) {
        health.ifPresent(HealthMonitor::stop);
        process.stop(grace, timers);
    }

    boolean stopRequested() {
        return process.stopRequested();
    }

    void stopHealthChecks() {
        health.ifPresent(HealthMonitor::stop);
    }
}
