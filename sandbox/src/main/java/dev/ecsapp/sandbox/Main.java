package dev.ecsapp.sandbox;

import java.util.concurrent.CountDownLatch;

/** Starts the sandbox, prints where it listens, and runs until stopped (Ctrl-C or SIGTERM). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SandboxConfig config;
        try {
            config = SandboxConfig.parse(args);
        } catch (SandboxConfig.BadFlag e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(SandboxConfig.USAGE);
            return;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config);
        } catch (java.net.BindException e) {
            System.err.println("sandbox: cannot listen on " + config.host() + ": " + e.getMessage()
                    + " (another sandbox running? choose other ports with --aws-port and --kubernetes-port)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("AWS endpoint:    " + sandbox.awsEndpoint() + "   (region " + config.region()
                + ", account " + sandbox.account().id() + ", throttling " + (config.throttling() ? "on" : "off")
                + ", speed " + config.speed() + "x)");
        System.out.println("control API:     " + sandbox.awsEndpoint() + "/_sandbox/state");
        System.out.println("Kubernetes API:  " + sandbox.kubernetesUrl());
        System.out.println("kubeconfig:      " + sandbox.kubeconfig().toAbsolutePath()
                + "   (kubectl --kubeconfig " + sandbox.kubeconfig() + " get namespaces)");
        // Each ALB listener answers on a loopback port of its own; listeners created later show in /_sandbox/state.
        sandbox.loadBalancers().localListeners().forEach(l -> System.out.println("load balancer:   " + l.url()
                + "   (" + l.protocol() + " listener " + l.port() + " of " + l.loadBalancerDnsName() + ")"));
        System.out.println("local tasks:     " + sandbox.runtime().unavailableReason()
                .map(reason -> "off, every task simulated (" + reason + ")")
                .orElse("on: tasks whose image is in the sandbox's ECR run as local processes"));
        System.out.println("running until stopped (Ctrl-C)");
        stopped.await();
    }
}
