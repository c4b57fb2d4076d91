package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.LocalTasks;

/**
 * Targets registered at a loopback address (127.0.0.0/8) run on this machine by definition: whoever registers one
 * means a local process, so it is health checked for real even without the local task runtime knowing of it.
 */
public final class LoopbackTargets implements LocalTasks {

    public static final LoopbackTargets INSTANCE = new LoopbackTargets();

    private LoopbackTargets() {
    }

    @Override
    public boolean runsLocally(String ip) {
        return ip != null && ip.startsWith("127.");
    }

    /** Loopback addresses and whatever {@code runtime} says runs locally. */
    public static LocalTasks or(LocalTasks runtime) {
        return ip -> INSTANCE.runsLocally(ip) || runtime.runsLocally(ip);
    }
}
