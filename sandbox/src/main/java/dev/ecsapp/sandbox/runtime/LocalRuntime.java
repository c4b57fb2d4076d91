package dev.ecsapp.sandbox.runtime;

import dev.ecsapp.sandbox.aws.LocalImages;
import dev.ecsapp.sandbox.aws.LocalTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * Runs tasks whose image is in the sandbox's registry as real processes: the image unpacked into a root
 * filesystem, the process chroot'd into it, in a PID namespace and a network namespace of its own where it holds
 * the task's private address (see {@link TaskNetwork} for what it can reach), limited to the task's memory where the
 * host has a memory cgroup for it ({@link TaskMemory}). No CPU limit, no user namespace: the process runs as root and
 * the image's User is ignored.
 *
 * <p>Where namespaces cannot be made (not Linux, not root), the runtime is unavailable with a one-line reason
 * and {@link #canRun} is false for every image: the caller keeps simulating the task.
 */
public final class LocalRuntime implements LocalTasks, AutoCloseable {

    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(LocalRuntime.class.getName());

    private final LocalImages images;
    private final Optional<String> unavailableReason;
    /** Makes this runtime's namespace and interface names its own when several sandboxes share a host. */
    private final String id = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, RunningTask> byIp = new ConcurrentHashMap<>();
    /** Every address a task of this runtime held: each keeps an unreachable route until the runtime closes. */
    private final Set<String> addressesUsed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers;
    private RootFilesystems rootFilesystems;
    /** Where tasks' memory cgroups go; empty where the host has none for the sandbox (tasks then run unlimited). */
    private Optional<Path> memoryCgroups = Optional.empty();
    private boolean closed;

    private LocalRuntime(LocalImages images, Optional<String> unavailableReason) {
        this.images = images;
        this.unavailableReason = unavailableReason;
        if (unavailableReason.isEmpty()) {
            memoryCgroups = TaskMemory.parent();
            if (memoryCgroups.isEmpty()) {
                LOG.warning("No cgroup v1 memory hierarchy the sandbox can write to: local tasks run without a memory "
                        + "limit, and a JVM in one sizes its heap from the host's memory");
            }
        }
        this.timers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "local-runtime-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A runtime for the registry's images, unavailable (with its reason) where this host cannot run them. */
    public static LocalRuntime start(LocalImages images) {
        String probe = "ecsapp-probe-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        return new LocalRuntime(images, RuntimeSupport.unavailableReason(probe));
    }

    /** A runtime that runs nothing: every task stays simulated. */
    public static LocalRuntime disabled(String reason) {
        return new LocalRuntime(image -> Optional.empty(), Optional.of(reason));
    }

    /** Empty when tasks can run locally here. */
    public Optional<String> unavailableReason() {
        return unavailableReason;
    }

    /** Whether a container of this image would run as a local process. */
    public boolean canRun(String image) {
        return unavailableReason.isEmpty() && !closed && images.resolve(image).isPresent();
    }

    /**
     * Starts the container as the task's process at {@code ip}, with the image's command, environment and working
     * directory as the definition overrides them, and the definition's health check and stopTimeout.
     *
     * @param secrets the container's secrets, already resolved to their values
     */
    public RunningTask run(String taskId, String ip, ContainerDefinition container,
            Map<String, String> secrets, TaskListener listener) throws IOException {
        return run(taskId, ip, container, secrets, OptionalInt.empty(), listener);
    }

    /**
     * As above, limited to {@code memoryMib} (the container's hard limit or else the task's memory, as ECS takes
     * it) where the host allows.
     */
    public synchronized RunningTask run(String taskId, String ip, ContainerDefinition container,
            Map<String, String> secrets, OptionalInt memoryMib, TaskListener listener) throws IOException {
        checkAvailable();
        LocalImages.Image image = images.resolve(container.image())
                .orElseThrow(() -> new IOException("Image " + container.image() + " is not in the sandbox's registry"));
        if (rootFilesystems == null) {
            rootFilesystems = new RootFilesystems();
        }
        Path root = rootFilesystems.rootOf(image);
        ContainerCommand command = ContainerCommand.of(image.config(), container, secrets);
        // Docker creates a WorkingDir the image lacks; unshare --wd would fail on it.
        Files.createDirectories(PathsInRoot.resolve(root, PathsInRoot.components(command.workingDirectory())));
        Duration stopTimeout = container.stopTimeout() == null ? DEFAULT_STOP_TIMEOUT
                : Duration.ofSeconds(container.stopTimeout());
        return launch(taskId, ip, command, Optional.of(root), HealthCheckSpec.of(container.healthCheck()),
                stopTimeout, memoryMib, listener);
    }

    /**
     * Starts a host program in a task's network and PID namespace without a chroot: for tests, which need a
     * server program the tiny test image cannot carry.
     */
    synchronized RunningTask runOnHost(String taskId, String ip, ContainerCommand command, Duration stopTimeout,
            TaskListener listener) throws IOException {
        checkAvailable();
        return launch(taskId, ip, command, Optional.empty(), Optional.empty(), stopTimeout, OptionalInt.empty(),
                listener);
    }

    private void checkAvailable() {
        if (closed) {
            throw new IllegalStateException("The local runtime is closed");
        }
        unavailableReason.ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }

    private RunningTask launch(String taskId, String ip, ContainerCommand command, Optional<Path> root,
            Optional<HealthCheckSpec> healthCheck, Duration stopTimeout, OptionalInt memoryMib, TaskListener listener)
            throws IOException {
        if (byIp.containsKey(ip)) {
            throw new IOException("A local task already runs at " + ip);
        }
        int n = sequence.incrementAndGet();
        addressesUsed.add(ip);
        TaskNetwork network = TaskNetwork.create(ip, "ecsapp-" + id + "-" + n, "ve" + id + n);
        Optional<TaskMemory> memory;
        try {
            memory = memoryCgroups.isEmpty() ? Optional.empty()
                    : TaskMemory.create(memoryCgroups.get(), "ecsapp-" + id + "-" + n, memoryMib);
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        String nsenter = Commands.find("nsenter").orElseThrow();
        String unshare = Commands.find("unshare").orElseThrow();
        List<String> argv = new ArrayList<>(List.of(nsenter, "--net=" + network.namespacePath(), "--"));
        if (memory.isPresent()) {
            argv.addAll(intoCgroup(unshare, memory.get(), root));
        }
        argv.addAll(List.of(unshare, "--pid", "--fork", "--kill-child", "--mount-proc"));
        root.ifPresent(dir -> argv.add("--root=" + dir));
        argv.add("--wd=" + command.workingDirectory());
        argv.add("--");
        argv.addAll(command.argv());
        LocalProcess process;
        try {
            process = LocalProcess.start("task-" + taskId, argv, command.environment(), listener);
        } catch (IOException | RuntimeException e) {
            network.close();
            memory.ifPresent(TaskMemory::close);
            throw e;
        }
        Optional<HealthMonitor> health = healthCheck.map(spec -> new HealthMonitor(spec, process,
                command.environment(), listener, nsenter));
        RunningTask task = new RunningTask(taskId, network, process, root, health, stopTimeout, timers);
        byIp.put(ip, task);
        process.exit().whenComplete((code, failure) -> {
            task.stopHealthChecks();
            network.close();
            boolean outOfMemory = memory.isPresent() && memory.get().outOfMemoryKilled();
            if (outOfMemory) {
                listener.outOfMemory();
            }
            memory.ifPresent(TaskMemory::close);
            byIp.remove(ip, task);
            // An OOM kill is a SIGKILL of PID 1: LocalProcess already reports it as 137.
            listener.exited(code == null ? -1 : code, task.stopRequested());
        });
        health.ifPresent(monitor -> monitor.start(timers));
        return task;
    }

    /**
     * The start of a task's command line that puts it in its memory cgroup and, with a root, mounts the cgroups
     * there as a container sees them (see {@link TaskMemory}), in a mount namespace of its own so that tasks sharing
     * an unpacked image each see their own; it then execs the rest of the line (the PID namespace's unshare).
     * Exit code 125 when a step fails, as a container runtime reports a failure of its own.
     */
    private static List<String> intoCgroup(String unshare, TaskMemory memory, Optional<Path> root)
            throws IOException {
        if (root.isPresent()) {
            for (String hierarchy : TaskMemory.MOUNTED) {
                Files.createDirectories(root.get().resolve("sys/fs/cgroup").resolve(hierarchy));
            }
        }
        String script = """
                cgroup=$1 root=$2; shift 2
                echo $$ > "$cgroup/cgroup.procs" || exit 125
                if [ -n "$root" ]; then
                  mount --bind "$cgroup" "$root/sys/fs/cgroup/memory" || exit 125
                  for hierarchy in cpu cpuacct cpuset; do
                    mount -o bind,ro "/sys/fs/cgroup/$hierarchy" "$root/sys/fs/cgroup/$hierarchy" || exit 125
                  done
                fi
                exec "$@"
                """;
        return List.of(unshare, "--mount", "--propagation", "private", "--",
                Commands.find("sh").orElseThrow(() -> new IOException("no sh on the host")), "-c", script, "sh",
                memory.directory().toString(), root.map(Path::toString).orElse(""));
    }

    /** True while a task process holding {@code ip} runs. */
    @Override
    public boolean runsLocally(String ip) {
        RunningTask task = byIp.get(ip);
        return task != null && task.alive();
    }

    /** The running task at {@code ip}, if any. */
    public Optional<RunningTask> task(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    /** Kills every task process, deletes their namespaces and interfaces and the unpacked images. */
    @Override
    public void close() {
        List<RunningTask> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(byIp.values());
        }
        running.forEach(task -> task.stop(Duration.ZERO));
        for (RunningTask task : running) {
            try {
                task.exit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Killed with SIGKILL: the wait is only so that the network is deleted before the directory.
            }
            task.network().close();
        }
        addressesUsed.forEach(TaskNetwork::forget);
        timers.shutdownNow();
        synchronized (this) {
            if (rootFilesystems != null) {
                rootFilesystems.close();
            }
        }
    }
}
