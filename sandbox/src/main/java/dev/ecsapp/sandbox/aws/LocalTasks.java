package dev.ecsapp.sandbox.aws;

/**
 * Which task addresses have a real process behind them. The load balancer's health checks are real HTTP requests
 * for those; a target at any other address (a simulated task) keeps the simulated health it has always had.
 */
public interface LocalTasks {

    LocalTasks NONE = ip -> false;

    /** Whether {@code ip} is the address of a task running as a local process. */
    boolean runsLocally(String ip);
}
