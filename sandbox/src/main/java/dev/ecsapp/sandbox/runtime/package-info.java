/**
 * The local task runtime: a task whose image is in the sandbox's registry runs as a real process.
 *
 * <p>{@link dev.ecsapp.sandbox.runtime.RootFilesystems} unpacks the image's layers (whiteouts applied) into a
 * directory per image digest; {@link dev.ecsapp.sandbox.runtime.TaskNetwork} gives the task a network namespace
 * holding its private address behind a veth pair, routed from the host; the process runs chroot'd into the root
 * filesystem in a PID namespace of its own, its output reported line by line, stopped with SIGTERM and then
 * SIGKILL, its container health check run inside it. {@link dev.ecsapp.sandbox.runtime.LocalRuntime} puts it
 * together and tells the load balancer which addresses have a real process behind them.
 *
 * <p>Isolation is what a chroot and namespaces give, no more: the process is root, with no cgroup limits, no user
 * namespace, no seccomp; the host's file systems are out of its sight but not out of reach of a root process that
 * tries (a chroot is no security boundary). It is for running one's own images on one's own machine.
 */
package dev.ecsapp.sandbox.runtime;
