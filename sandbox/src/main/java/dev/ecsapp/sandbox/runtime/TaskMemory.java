package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task's memory limit, as Fargate gives one: a memory cgroup (v1) of its own below the sandbox's, limited to the
 * container's hard limit or else the task's memory, which the kernel enforces and which the task's programs see.
 * A JVM sizes its heap from it ({@code -XX:MaxRAMPercentage} of the task's memory, not of the host's), because the
 * task's root gets the cgroup mounted where a container has it: its own memory cgroup at
 * {@code /sys/fs/cgroup/memory}, and the host's cpu, cpuacct and cpuset hierarchies read-only beside it (HotSpot
 * takes cgroup limits into account only when it finds all four).
 *
 * <p>Only the cgroup v1 memory controller is used (the hierarchy this sandbox's machines mount); on a host without
 * it, or where the sandbox may not create a cgroup, tasks run without a limit and the runtime logs that once.
 * CPU is not limited: a quarter of a vCPU would make local tasks start too slowly to be useful.
 */
final class TaskMemory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TaskMemory.class.getName());
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    /** The hierarchies a task's root gets: its own memory cgroup, the others as they are (read-only). */
    static final List<String> MOUNTED = List.of("memory", "cpu", "cpuacct", "cpuset");

    private final Path directory;

    private TaskMemory(Path directory) {
        this.directory = directory;
    }

    /** The memory cgroup the sandbox runs in, where task cgroups go; empty when there is none it can write to. */
    static Optional<Path> parent() {
        try {
            for (String hierarchy : MOUNTED) {
                if (!Files.isDirectory(CGROUPS.resolve(hierarchy))) {
                    return Optional.empty();
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", 3);
                if (fields.length == 3 && List.of(fields[1].split(",")).contains("memory")) {
                    Path parent = CGROUPS.resolve("memory").resolve(fields[2].substring(1));
                    return Files.isWritable(parent) ? Optional.of(parent) : Optional.empty();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "no memory cgroup", e);
        }
        return Optional.empty();
    }

    /**
     * Creates {@code parent/name} limited to {@code limitMib}; empty when no limit is given. A cgroup left by a
     * sandbox that died is reused.
     */
    static Optional<TaskMemory> create(Path parent, String name, OptionalInt limitMib) throws IOException {
        if (limitMib.isEmpty()) {
            return Optional.empty();
        }
        Path directory = parent.resolve(name);
        Files.createDirectories(directory);
        long bytes = limitMib.getAsInt() * 1024L * 1024L;
        Files.writeString(directory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        return Optional.of(new TaskMemory(directory));
    }

    /** The cgroup's directory on the host: the task's process writes itself into its cgroup.procs. */
    Path directory() {
        return directory;
    }

    /** Whether the kernel killed a process of the task for going over its limit (memory.oom_control's oom_kill). */
    boolean outOfMemoryKilled() {
        try {
            for (String line : Files.readAllLines(directory.resolve("memory.oom_control"))) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).strip()) > 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.FINE, "memory.oom_control unreadable", e);
        }
        return false;
    }

    /** Removes the cgroup once its processes are gone (the kernel refuses while one remains: retried briefly). */
    @Override
    public void close() {
        for (int attempt = 0; attempt < 50 && Files.exists(directory); attempt++) {
            try {
                Files.delete(directory);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (Files.exists(directory)) {
            LOG.warning("Memory cgroup " + directory + " still holds a process; left in place");
        }
    }
}
