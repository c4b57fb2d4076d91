package dev.ecsapp.sandbox;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.AwsDispatcher;
import dev.ecsapp.sandbox.aws.AwsEndpoint;
import dev.ecsapp.sandbox.aws.CallLog;
import dev.ecsapp.sandbox.aws.ContainerLogs;
import dev.ecsapp.sandbox.aws.ControlApi;
import dev.ecsapp.sandbox.aws.LocalTasks;
import dev.ecsapp.sandbox.aws.SecretValues;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.aws.autoscaling.AutoScalingApi;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.ecr.EcrApi;
import dev.ecsapp.sandbox.aws.ecr.RegistryApi;
import dev.ecsapp.sandbox.aws.ecs.EcsApi;
import dev.ecsapp.sandbox.aws.elbv2.ElbV2Api;
import dev.ecsapp.sandbox.aws.elbv2.dataplane.AlbDataPlane;
import dev.ecsapp.sandbox.aws.elbv2.dataplane.LoopbackTargets;
import dev.ecsapp.sandbox.aws.faults.FaultInjector;
import dev.ecsapp.sandbox.aws.cloudwatch.CloudWatchApi;
import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import dev.ecsapp.sandbox.aws.logs.LogsApi;
import dev.ecsapp.sandbox.aws.secrets.SecretsManagerApi;
import dev.ecsapp.sandbox.aws.ssm.SsmApi;
import dev.ecsapp.sandbox.aws.sts.StsApi;
import dev.ecsapp.sandbox.aws.throttling.Throttling;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import dev.ecsapp.sandbox.runtime.LocalRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole sandbox in one object: the simulated clock and event scheduler, the AWS services on one endpoint, and
 * the Kubernetes API with its kubeconfig. Tests start one in-process; {@link Main} starts one for people.
 */
public final class Sandbox implements AutoCloseable {

    /** How often, in real time, simulated events due by now are applied even when no call comes in. */
    private static final long TICK_MILLIS = 25;

    private final Object lock = new Object();
    private boolean closed;
    private final SandboxConfig config;
    private final Account account;
    private final SandboxClock clock;
    private final Scheduler scheduler;
    private final AlbDataPlane loadBalancers;
    private final AwsEndpoint aws;
    private final KubernetesApi kubernetes;
    private final Path kubeconfig;
    private final ScheduledExecutorService ticker;
    private final SecretValues secretValues;
    private final LogsApi logs;
    private final LocalRuntime runtime;
    private final EcrApi ecr;
    private final SecretsManagerApi secretsManager;
    private final ExecutorService logShipper;

    private Sandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.account = new Account(Account.DEFAULT_ID, config.region());
        this.clock = SandboxClock.system(config.speed());
        this.scheduler = new Scheduler(clock);
        Throttling throttling = new Throttling(scheduler::now, config.throttling());
        FaultInjector faults = new FaultInjector();
        CallLog calls = new CallLog();
        SimulatedMetrics metrics = new SimulatedMetrics();

        // Each service gets what it needs of the others: ECS pulls from ECR, registers targets in ELBv2 and takes
        // subnets and addresses from EC2; Application Auto Scaling sets ECS services' desired counts.
        Ec2Api ec2 = new Ec2Api(account);
        EcrApi ecr = new EcrApi(account, scheduler);
        this.ecr = ecr;
        SecretsManagerApi secrets = new SecretsManagerApi(account, scheduler);
        this.secretsManager = secrets;
        SsmApi parameters = new SsmApi(account, scheduler);
        this.secretValues = valueFrom -> valueFrom.startsWith("arn:aws:secretsmanager:")
                ? secrets.currentValue(valueFrom) : parameters.currentValue(valueFrom);
        LogsApi logs = new LogsApi(account, scheduler);
        this.logs = logs;
        // Tasks whose image is in the registry run as local processes where the host can (Linux, root); their
        // addresses, and any loopback address, get real health checks, the other targets simulated health.
        this.runtime = config.localTasks() ? LocalRuntime.start(ecr.localImages())
                : LocalRuntime.disabled("--simulated-tasks: every task simulated");
        this.logShipper = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-awslogs");
            thread.setDaemon(true);
            return thread;
        });
        // A container's lines reach CloudWatch Logs through one thread of their own: the runtime's output threads
        // never wait for the sandbox's lock.
        ContainerLogs containerLogs = (group, stream, timestamp, message) -> logShipper.execute(
                () -> appendLog(group, stream, timestamp, message));
        LocalTasks localTasks = LoopbackTargets.or(runtime);
        ElbV2Api elb = new ElbV2Api(account, scheduler, ec2, localTasks);
        EcsApi ecs = new EcsApi(account, scheduler, ec2, ecr, elb, runtime, secretValues, containerLogs);
        MetricStore cloudWatchMetrics = new MetricStore();
        List<AwsApi> apis = List.of(new StsApi(account), ec2, ecr, elb, ecs, logs,
                new AutoScalingApi(account, scheduler, ecs, metrics, cloudWatchMetrics), secrets, parameters,
                new CloudWatchApi(scheduler, cloudWatchMetrics));

        this.loadBalancers = new AlbDataPlane(lock, elb.dataPlaneView(), localTasks, clock, cloudWatchMetrics);
        AwsDispatcher dispatcher = new AwsDispatcher(account, lock, scheduler, throttling, faults, calls, apis);
        ControlApi control = new ControlApi(lock, scheduler, throttling, faults, calls, apis, ecr, metrics);
        try {
            this.aws = new AwsEndpoint(config.host(), config.awsPort(), dispatcher, control,
                    new RegistryApi(lock, ecr));
        } catch (IOException | RuntimeException e) {
            loadBalancers.close();
            runtime.close();
            throw e;
        }
        try {
            this.kubernetes = KubernetesApi.start(config.host(), config.kubernetesPort(), config.kubernetes());
            this.kubeconfig = kubernetes.writeKubeconfig(config.kubeconfig());
        } catch (RuntimeException e) {
            aws.close();
            loadBalancers.close();
            runtime.close();
            throw e;
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-clock");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                scheduler.runDue();
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public static Sandbox start(SandboxConfig config) throws IOException {
        return new Sandbox(config);
    }

    /** The AWS endpoint's URL, for {@code AWS_ENDPOINT_URL} and SDK clients' endpointOverride. */
    public String awsEndpoint() {
        return aws.url();
    }

    /** The Kubernetes API's URL. */
    public String kubernetesUrl() {
        return kubernetes.url().toString();
    }

    /** Where the kubeconfig for kubectl and the operator was written. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A Secrets Manager secret at an exact ARN, as a foundation made before the sandbox's apps name it. */
    public void seedSecret(String arn, String value) {
        synchronized (lock) {
            secretsManager.seed(arn, value);
        }
    }

    /** A task's {@code secrets} entry resolved as ECS resolves it, under the sandbox's lock. */
    public java.util.Optional<String> secretValue(String valueFrom) {
        synchronized (lock) {
            return secretValues.resolve(valueFrom);
        }
    }

    /** One line of a locally running task, as the awslogs driver sends it; false when its group does not exist. */
    public boolean appendLog(String group, String stream, long timestamp, String message) {
        synchronized (lock) {
            return logs.append(group, stream, timestamp, message);
        }
    }

    /** The load balancers' data plane: each listener's local URL, and the metrics of what went through. */
    public AlbDataPlane loadBalancers() {
        return loadBalancers;
    }

    public KubernetesApi kubernetes() {
        return kubernetes;
    }

    public Account account() {
        return account;
    }

    public SandboxClock clock() {
        return clock;
    }

    public SandboxConfig config() {
        return config;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.shutdownNow();
        loadBalancers.close();
        // The tasks' processes, namespaces and root filesystems go before the endpoints they might still call.
        runtime.close();
        logShipper.shutdownNow();
        aws.close();
        ecr.close();
        kubernetes.close();
    }

    /** The images pushed to the sandbox's registry, as the local task runtime runs them. */
    public dev.ecsapp.sandbox.aws.LocalImages localImages() {
        return image -> {
            synchronized (lock) {
                return ecr.localImages().resolve(image);
            }
        };
    }

    /** The local task runtime: why tasks stay simulated here, if they do, and the tasks it runs. */
    public LocalRuntime runtime() {
        return runtime;
    }
}
