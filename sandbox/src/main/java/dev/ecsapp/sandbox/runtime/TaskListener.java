package dev.ecsapp.sandbox.runtime;

import java.time.Instant;

/**
 * What a local task reports, called from the runtime's own threads (not the sandbox's lock: a listener that touches
 * simulated state must hand over to it). Lines arrive in order per stream; {@link #exited} comes after the last line.
 */
public interface TaskListener {

    enum Stream { STDOUT, STDERR }

    enum Health { HEALTHY, UNHEALTHY, UNKNOWN }

    /** One line the container wrote, without its line break. */
    default void output(String line, Stream stream, Instant at) {
    }

    /** The container health check's status changed. */
    default void health(Health status) {
    }

    /** The kernel killed the container for going over its memory limit; {@link #exited} follows (code 137). */
    default void outOfMemory() {
    }

    /**
     * The container's process exited: its exit code (128 + signal when killed by one, as Docker reports), and
     * whether the runtime stopped it ({@link RunningTask#stop}) rather than it ending by itself.
     */
    default void exited(int exitCode, boolean stoppedByRuntime) {
    }
}
