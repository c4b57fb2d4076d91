package dev.ecsapp.demo;

import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The README's run command: starts the sandbox (AWS and Kubernetes on loopback) and the operator, installs the CRD,
 * pushes the reference service's image to the sandbox's ECR (what the pipeline does), applies the examples, and
 * shows their progress until every one is Ready; then what was made and how to look at it.
 */
public final class MainJob {

    static final String IMAGE_REPOSITORY = "reference-service";
    static final String IMAGE_TAG = "0.1.0";
    /** A second version in the registry, for a user to bump an example to with kubectl. */
    static final String BUMP_TAG = "0.2.0";
    /** The secret deploy/examples/full.yaml names. */
    static final String FULL_EXAMPLE_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf";
    private static final String CRD = "/META-INF/fabric8/ecsapps.ecsapp.dev-v1.yml";
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /**
     * fabric8 warns once that v1alpha1 is not a stable version: true, and known. Held in a field because
     * java.util.logging keeps loggers only weakly, and a level set on a collected logger is lost.
     */
    private static final Logger FABRIC8_VERSION_WARNING =
            Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");

    private MainJob() {
    }

    public static void main(String[] args) throws Exception {
        MainJobConfig config;
        try {
            config = MainJobConfig.parse(args);
        } catch (MainJobConfig.BadFlag e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(MainJobConfig.USAGE);
            return;
        }
        // Progress goes to stdout; the sandbox's and the operator's own logs only when something goes wrong.
        Logger.getLogger("").setLevel(Level.WARNING);
        FABRIC8_VERSION_WARNING.setLevel(Level.SEVERE);
        System.exit(run(config, System.out));
    }

    /** Runs the job; returns the exit code (with --exit-when-ready, or when it fails to start). */
    static int run(MainJobConfig config, PrintStream out) throws Exception {
        List<Path> manifests = manifests(config.examples());
        if (manifests.isEmpty()) {
            out.println("no EcsApp manifests in " + config.examples().toAbsolutePath());
            return 1;
        }
        // The sandbox's own API server: kubectl apply (with its validation), explain, wait, get -w, server-side
        // apply and Helm work against it as against a cluster.
        SandboxConfig sandboxConfig = new SandboxConfig("127.0.0.1", config.awsPort(), 0,
                Path.of(".sandbox", "kubeconfig"), "us-east-1", true, config.speed())
                .withKubernetes(KubernetesApi.Server.OWN).withLocalTasks(config.localTasks());
        try (Sandbox sandbox = Sandbox.start(sandboxConfig);
                AwsClients aws = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()),
                        Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEMO",
                        "demo"))))) {
            // Ctrl-C ends the JVM without leaving this block: the tasks' processes and namespaces go with a hook.
            Thread closeOnExit = new Thread(sandbox::close, "sandbox-close");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            try {
                return runInSandbox(config, out, manifests, sandbox, aws);
            } finally {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            }
        }
    }

    private static int runInSandbox(MainJobConfig config, PrintStream out, List<Path> manifests, Sandbox sandbox,
            AwsClients aws) throws Exception {
        {
            out.println("sandbox:  AWS " + sandbox.awsEndpoint() + ", Kubernetes " + sandbox.kubernetesUrl()
                    + ", simulated time x" + config.speed());
            KubernetesClient kubernetes = sandbox.kubernetes().client();
            try (InputStream crd = MainJob.class.getResourceAsStream(CRD)) {
                kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).create();
            }
            out.println("tasks:    " + sandbox.runtime().unavailableReason()
                    .map(reason -> "simulated (" + reason + ")")
                    .orElse("run as local processes from the image's own files"));
            boolean realTasks = pushReferenceImage(aws, sandbox, config.serviceImage(), out)
                    && sandbox.runtime().unavailableReason().isEmpty();
            // What the platform's Terraform makes before the apps that name it: the full example's database secret.
            sandbox.seedSecret(FULL_EXAMPLE_SECRET, "sandbox-database-password");

            try (EcsAppOperator operator = new EcsAppOperator(operatorConfig(aws), kubernetes, aws,
                    new OperatorMetrics(), Clock.systemUTC())) {
                operator.start();
                List<String> names = new ArrayList<>();
                for (Path manifest : manifests) {
                    EcsApp app = Serialization.unmarshal(Files.readString(manifest), EcsApp.class);
                    kubernetes.resource(app).create();
                    names.add(app.getMetadata().getNamespace() + "/" + app.getMetadata().getName());
                    out.println("applied:  " + manifest + " (" + names.get(names.size() - 1) + ")");
                }
                boolean ready = followUntilReady(kubernetes, names, config.timeout(), out);
                if (!ready) {
                    out.println("not Ready within " + config.timeout().toSeconds() + " s:");
                    names.forEach(name -> out.println("  " + name + ": " + readyMessage(app(kubernetes, name))));
                    return 1;
                }
                printSummary(kubernetes, names, sandbox, realTasks, out);
                if (config.exitWhenReady()) {
                    return 0;
                }
                out.println("running until stopped (Ctrl-C)");
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "demo-shutdown"));
                stopped.await();
                return 0;
            }
        }
    }

    private static List<Path> manifests(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /**
     * What the release pipeline does: the reference service's image, built by Jib from service/pom.xml, pushed to
     * the registry. Without the image tar (a build that skipped the service module), a hand-made manifest stands in,
     * and the tasks stay simulated.
     */
    /** True when the real image was pushed (false: a hand-made manifest, tasks simulated). */
    private static boolean pushReferenceImage(AwsClients aws, Sandbox sandbox, Path imageTar, PrintStream out)
            throws Exception {
        if (Files.isRegularFile(imageTar)) {
            long started = System.nanoTime();
            // The version each tag answers on /version is its tag (APP_VERSION), so a bump shows which one serves.
            for (String tag : List.of(IMAGE_TAG, BUMP_TAG)) {
                ImagePush.Pushed pushed = ImagePush.push(aws, URI.create(sandbox.awsEndpoint()), imageTar,
                        IMAGE_REPOSITORY, tag, image -> image.addEnvironmentVariable("APP_VERSION", tag));
                out.printf("image:    pushed %s (%s, from %s) with Jib in %.1f s%n", pushed.image(), pushed.digest(),
                        imageTar, (System.nanoTime() - started) / 1e9);
            }
            return true;
        }
        String uri = aws.ecr().createRepository(r -> r.repositoryName(IMAGE_REPOSITORY)).repository().repositoryUri();
        aws.ecr().putImage(r -> r.repositoryName(IMAGE_REPOSITORY).imageTag(IMAGE_TAG).imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}"));
        out.println("image:    " + imageTar + " not found (build it: ./mvnw -q -pl demo -am package); pushed a "
                + "hand-made manifest as " + uri + ":" + IMAGE_TAG + ", so the tasks stay simulated");
        return false;
    }

    /** The sandbox's foundation as the operator's team-wide defaults: what the Terraform outputs feed in real life. */
    static OperatorConfig operatorConfig(AwsClients aws) {
        String listener = aws.elb().describeListeners(r -> r.loadBalancerArn(aws.elb().describeLoadBalancers(q -> q
                .names("sandbox-alb")).loadBalancers().get(0).loadBalancerArn())).listeners().get(0).listenerArn();
        OperatorDefaults defaults = new OperatorDefaults("sandbox", "us-east-1",
                List.of(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B), List.of(Ec2Api.TASKS_SECURITY_GROUP),
                listener, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null);
        // Server-side apply on, as in production: the sandbox's own API server takes it.
        return new OperatorConfig(defaults, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 0.2, true, 0, false,
                List.of());
    }

    /** Prints a line per app whenever what it reports changes; true once all are Ready. */
    private static boolean followUntilReady(KubernetesClient kubernetes, List<String> names, Duration timeout,
            PrintStream out) throws InterruptedException {
        Map<String, String> last = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allReady = true;
            for (String name : names) {
                EcsApp app = app(kubernetes, name);
                String line = describe(app);
                if (!line.equals(last.put(name, line))) {
                    out.printf("  %-16s %s%n", name, line);
                }
                allReady &= isReady(app);
            }
            if (allReady) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        }
        return false;
    }

    private static EcsApp app(KubernetesClient kubernetes, String name) {
        String[] parts = name.split("/");
        return kubernetes.resources(EcsApp.class).inNamespace(parts[0]).withName(parts[1]).get();
    }

    private static boolean isReady(EcsApp app) {
        return condition(app, "Ready").map(c -> "True".equals(c.status())).orElse(false);
    }

    private static java.util.Optional<Condition> condition(EcsApp app, String type) {
        if (app == null || app.getStatus() == null) {
            return java.util.Optional.empty();
        }
        return app.getStatus().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private static String readyMessage(EcsApp app) {
        return condition(app, "Ready").map(c -> c.reason() + ": " + c.message()).orElse("no status yet");
    }

    private static String describe(EcsApp app) {
        if (app == null || app.getStatus() == null) {
            return "waiting for the operator";
        }
        var status = app.getStatus();
        return String.format("READY=%-5s running %s/%s  %s", isReady(app) ? "True" : "False",
                status.runningCount() == null ? "-" : status.runningCount(),
                status.desiredCount() == null ? "-" : status.desiredCount(), readyMessage(app));
    }

    private static void printSummary(KubernetesClient kubernetes, List<String> names, Sandbox sandbox,
            boolean realTasks, PrintStream out) {
        out.println();
        out.println("every example is Ready. In AWS (the sandbox):");
        Map<String, Map<Integer, String>> listeners = sandbox.loadBalancers().listenerUrls();
        String defaultDns = listeners.keySet().stream().filter(dns -> dns.startsWith("sandbox-alb")).findFirst()
                .orElse("");
        for (String name : names) {
            var status = app(kubernetes, name).getStatus();
            out.println("  " + name + "  " + status.url());
            LocalUrl.curl(status.url(), listeners, defaultDns)
                    .ifPresent(curl -> out.println("    on this machine  " + curl));
            var resources = status.resources();
            out.println("    service        " + resources.serviceArn());
            out.println("    task def       " + resources.taskDefinitionArn());
            out.println("    target group   " + resources.targetGroupArn());
            out.println("    listener rule  " + resources.listenerRuleArn());
            out.println("    log group      " + resources.logGroupArn());
            if (resources.scalableTargetId() != null) {
                out.println("    autoscaling    " + resources.scalableTargetId());
            }
        }
        out.println();
        String kubectl = "  kubectl --kubeconfig " + sandbox.kubeconfig();
        out.println("look at it with:");
        out.println(kubectl + " get ecsapps");
        out.println(kubectl + " describe ecsapp hello");
        out.println(kubectl + " wait --for=condition=Ready ecsapp --all --timeout=2m");
        out.println(kubectl + " explain ecsapp.spec.rollout");
        out.println(kubectl + " apply -f deploy/examples/            # or --server-side, as Flux applies");
        out.println("  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \\");
        out.println("    aws --endpoint-url " + sandbox.awsEndpoint()
                + " ecs describe-services --cluster sandbox --services default_hello");
        out.println("  curl " + sandbox.awsEndpoint() + "/_sandbox/state");
        String helloListener = listeners.getOrDefault(defaultDns, Map.of()).get(80);
        if (names.contains("default/hello") && helloListener != null && realTasks) {
            String image = app(kubernetes, "default/hello").getSpec().image();
            out.println("bump hello to " + BUMP_TAG + " and watch the new version take over, with no failed request:");
            out.println("  while sleep 0.2; do curl -s " + helloListener + "/hello/version; echo; done  "
                    + "# in another terminal");
            out.println(kubectl + " patch ecsapp hello --type merge -p '{\"spec\":{\"image\":\""
                    + image.substring(0, image.lastIndexOf(':') + 1) + BUMP_TAG + "\"}}'");
            out.println(kubectl + " get ecsapp hello -w");
            // The release workflow's own script: build and push with Jib, move the EcsApp, wait for Ready, check.
            out.println("ship a version built from this checkout (build, push, deploy, wait until Ready, check "
                    + "/version):");
            out.println("  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \\");
            out.println("    .github/scripts/ship-service.sh all 0.3.0 --app default/hello --aws-endpoint "
                    + sandbox.awsEndpoint() + " --kubeconfig " + sandbox.kubeconfig() + " --connect-to "
                    + URI.create(helloListener).getAuthority());
        }
    }
}
