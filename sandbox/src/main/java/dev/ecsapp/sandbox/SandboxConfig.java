package dev.ecsapp.sandbox;

import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's settings, from command-line flags.
 *
 * @param host           address both endpoints listen on (loopback by default: the sandbox has no authentication)
 * @param awsPort        the AWS endpoint's port (4566, LocalStack's, so existing habits and tools carry over)
 * @param kubernetesPort the Kubernetes API's port (0: a free one)
 * @param kubeconfig     where to write the kubeconfig for kubectl and the operator
 * @param region         the region the AWS endpoint serves
 * @param throttling     AWS's documented rate limits for ECS and ELBv2, on by default
 * @param speed          simulated seconds per real second
 * @param kubernetes     which Kubernetes API server: fabric8's mock (the default for now) or the sandbox's own
 * @param localTasks     run tasks whose image is in the sandbox's registry as local processes (where the host can);
 *                       false keeps every task simulated, for large benchmarks
 */
public record SandboxConfig(String host, int awsPort, int kubernetesPort, Path kubeconfig, String region,
        boolean throttling, double speed, KubernetesApi.Server kubernetes, boolean localTasks) {

    public SandboxConfig(String host, int awsPort, int kubernetesPort, Path kubeconfig, String region,
            boolean throttling, double speed, KubernetesApi.Server kubernetes) {
        this(host, awsPort, kubernetesPort, kubeconfig, region, throttling, speed, kubernetes, true);
    }

    /** The settings with fabric8's mock as the Kubernetes API, as before the sandbox had its own. */
    public SandboxConfig(String host, int awsPort, int kubernetesPort, Path kubeconfig, String region,
            boolean throttling, double speed) {
        this(host, awsPort, kubernetesPort, kubeconfig, region, throttling, speed, KubernetesApi.Server.MOCK);
    }

    public static final String USAGE = """
            usage: java -jar sandbox.jar [flags]
              --aws-port N          AWS endpoint port (default 4566; 0 picks a free one)
              --kubernetes-port N   Kubernetes API port (default 0: a free one)
              --host ADDRESS        listen address (default 127.0.0.1)
              --kubeconfig PATH     where to write the kubeconfig (default .sandbox/kubeconfig)
              --region NAME         the region served (default us-east-1)
              --speed X             simulated seconds per real second, 0 to 10000 (default 1)
              --no-throttling       turn AWS's rate limits off
              --simulated-tasks     never run tasks as local processes (every task simulated, as for benchmarks)
              --kubernetes own|mock the Kubernetes API server: the sandbox's own (default) or fabric8's mock
              --help                print this and exit""";

    /** What the jar runs with: its own Kubernetes API server, which kubectl, Helm and server-side apply work with. */
    public static SandboxConfig defaults() {
        return new SandboxConfig("127.0.0.1", 4566, 0, Path.of(".sandbox", "kubeconfig"), "us-east-1", true, 1.0)
                .withKubernetes(KubernetesApi.Server.OWN);
    }

    /** For tests: free ports on loopback, fabric8's mock unless {@link #withKubernetes} says otherwise. */
    public static SandboxConfig ephemeral(Path kubeconfig) {
        return new SandboxConfig("127.0.0.1", 0, 0, kubeconfig, "us-east-1", true, 1.0);
    }

    public SandboxConfig withThrottling(boolean on) {
        return new SandboxConfig(host, awsPort, kubernetesPort, kubeconfig, region, on, speed, kubernetes,
                localTasks);
    }

    public SandboxConfig withKubernetes(KubernetesApi.Server server) {
        return new SandboxConfig(host, awsPort, kubernetesPort, kubeconfig, region, throttling, speed, server,
                localTasks);
    }

    public SandboxConfig withLocalTasks(boolean on) {
        return new SandboxConfig(host, awsPort, kubernetesPort, kubeconfig, region, throttling, speed, kubernetes, on);
    }

    /** Thrown for a flag the sandbox does not accept; the message is the one line to print. */
    public static final class BadFlag extends Exception {
        private static final long serialVersionUID = 1L;

        BadFlag(String message) {
            super(message);
        }
    }

    /** Parses flags; {@code null} means --help was asked for. */
    public static SandboxConfig parse(String[] args) throws BadFlag {
        SandboxConfig c = defaults();
        String host = c.host;
        int awsPort = c.awsPort;
        int kubernetesPort = c.kubernetesPort;
        Path kubeconfig = c.kubeconfig;
        String region = c.region;
        boolean throttling = c.throttling;
        double speed = c.speed;
        KubernetesApi.Server kubernetes = c.kubernetes;
        boolean localTasks = c.localTasks;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            switch (flag) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-throttling" -> throttling = false;
                case "--simulated-tasks" -> localTasks = false;
                case "--aws-port" -> awsPort = port(flag, value != null ? value : next(flag, rest));
                case "--kubernetes-port" -> kubernetesPort = port(flag, value != null ? value : next(flag, rest));
                case "--host" -> host = value != null ? value : next(flag, rest);
                case "--kubeconfig" -> kubeconfig = Path.of(value != null ? value : next(flag, rest));
                case "--region" -> {
                    region = value != null ? value : next(flag, rest);
                    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                        throw new BadFlag("--region: '" + region + "' is not a region name like us-east-1");
                    }
                }
                case "--speed" -> speed = speed(value != null ? value : next(flag, rest));
                case "--kubernetes" -> {
                    String name = value != null ? value : next(flag, rest);
                    try {
                        kubernetes = KubernetesApi.Server.named(name);
                    } catch (IllegalArgumentException e) {
                        throw new BadFlag("--kubernetes: " + e.getMessage());
                    }
                }
                default -> throw new BadFlag("unknown flag '" + flag + "' (see --help)");
            }
        }
        return new SandboxConfig(host, awsPort, kubernetesPort, kubeconfig, region, throttling, speed, kubernetes,
                localTasks);
    }

    private static String next(String flag, List<String> rest) throws BadFlag {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new BadFlag(flag + " needs a value (see --help)");
        }
        return rest.remove(0);
    }

    private static int port(String flag, String value) throws BadFlag {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadFlag(flag + ": '" + value + "' is not a port from 0 to 65535");
    }

    private static double speed(String value) throws BadFlag {
        try {
            double speed = Double.parseDouble(value);
            if (speed >= 0 && speed <= 10_000) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadFlag("--speed: '" + value + "' is not a number from 0 to 10000");
    }
}
