package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A task's network: a network namespace of its own with one end of a veth pair (named eth0 inside) holding the
 * task's private address, and the other end on the host with a route to that address, so that the host (the load
 * balancer, tests) connects to taskIp:port directly.
 *
 * <p>The host end holds {@link #HOST_ADDRESS}, the task's default gateway. What the task reaches: itself and its
 * loopback; the host's sockets bound to the wildcard address or to {@link #HOST_ADDRESS} (connect to
 * 169.254.77.1:port). What it does not: the host's 127.0.0.1 (loopback is not routable from another namespace),
 * other tasks and the internet (the host does not forward for it: IP forwarding and NAT are host-wide settings the
 * sandbox leaves alone).
 */
public final class TaskNetwork implements AutoCloseable {

    /** Link-local, so it clashes with no subnet a sandbox hands out; the same on every task's host end. */
    public static final String HOST_ADDRESS = "169.254.77.1";

    private final String ip;
    private final String namespace;
    private final String hostVeth;
    private final String tool;
    private boolean closed;

    private TaskNetwork(String ip, String namespace, String hostVeth, String tool) {
        this.ip = ip;
        this.namespace = namespace;
        this.hostVeth = hostVeth;
        this.tool = tool;
    }

    /**
     * Creates the namespace {@code namespace} and the veth pair {@code hostVeth} / {@code hostVeth}p (names at
     * most 14 characters); all of it is removed again if a step fails.
     */
    static TaskNetwork create(String ip, String namespace, String hostVeth) throws IOException {
        if (hostVeth.length() > 14) {
            throw new IllegalArgumentException("Interface names have at most 15 characters: " + hostVeth + "p");
        }
        String tool = Commands.find("ip").orElseThrow(() -> new IOException("iproute2's ip command not found"));
        TaskNetwork network = new TaskNetwork(ip, namespace, hostVeth, tool);
        try {
            network.setUp();
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void setUp() throws IOException {
        String taskVeth = hostVeth + "p";
        ip("netns", "add", namespace);
        ip("link", "add", hostVeth, "type", "veth", "peer", "name", taskVeth);
        ip("link", "set", taskVeth, "netns", namespace);
        ip("-n", namespace, "link", "set", taskVeth, "name", "eth0");
        ip("-n", namespace, "addr", "add", ip + "/32", "dev", "eth0");
        ip("-n", namespace, "link", "set", "lo", "up");
        ip("-n", namespace, "link", "set", "eth0", "up");
        // The host end's address is the source the host's connections to the task use, and the task's way back.
        ip("addr", "add", HOST_ADDRESS + "/32", "dev", hostVeth);
        ip("link", "set", hostVeth, "up");
        // Replace, not add: the address may hold the unreachable route a stopped task left (see close).
        ip("route", "replace", ip + "/32", "dev", hostVeth);
        ip("-n", namespace, "route", "add", HOST_ADDRESS + "/32", "dev", "eth0");
        ip("-n", namespace, "route", "add", "default", "via", HOST_ADDRESS, "dev", "eth0");
    }

    private void ip(String... args) throws IOException {
        Commands.run(command(args));
    }

    private List<String> command(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        return command;
    }

    public String ip() {
        return ip;
    }

    public String namespace() {
        return namespace;
    }

    public String hostVeth() {
        return hostVeth;
    }

    /** The namespace's bind mount, for {@code nsenter --net=}. */
    public Path namespacePath() {
        return Path.of("/run/netns", namespace);
    }

    /**
     * Deletes the namespace (its eth0 goes with it, and so the host end and its route) and the host end if left,
     * and leaves the address unreachable: without a route of its own, a connection to a stopped task's address
     * would follow the host's default route out to the network (a proxy there answered the load balancer's requests
     * with 403s) instead of failing at once, as a connection to a stopped task does in a VPC. The runtime removes
     * these routes when it closes ({@link #forget}).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // First: between the link's deletion and a later route, connections would find the default route.
        Commands.runQuietly(command("route", "replace", "unreachable", ip + "/32"));
        Commands.runQuietly(command("netns", "del", namespace));
        Commands.runQuietly(command("link", "del", hostVeth));
    }

    /** Removes the unreachable route a closed network left for {@code ip}. */
    static void forget(String ip) {
        Commands.find("ip").ifPresent(tool -> Commands.runQuietly(List.of(tool, "route", "del", "unreachable",
                ip + "/32")));
    }
}
