package dev.ecsapp.sandbox;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.AwsDispatcher;
import dev.ecsapp.sandbox.aws.AwsEndpoint;
import dev.ecsapp.sandbox.aws.CallLog;
import dev.ecsapp.sandbox.aws.ControlApi;
import dev.ecsapp.sandbox.aws.ImageRegistry;
import dev.ecsapp.sandbox.aws.ScalableServices;
import dev.ecsapp.sandbox.aws.SimulatedMetrics;
import dev.ecsapp.sandbox.aws.autoscaling.AutoScalingApi;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.ecr.EcrApi;
import dev.ecsapp.sandbox.aws.faults.FaultInjector;
import dev.ecsapp.sandbox.aws.logs.LogsApi;
import dev.ecsapp.sandbox.aws.sts.StsApi;
import dev.ecsapp.sandbox.aws.throttling.Throttling;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole sandbox in one object: the simulated clock and event scheduler, the AWS services on one endpoint, and
 * (once started) the Kubernetes API. Tests start one in-process; {@link Main} starts one for people.
 */
public final class Sandbox implements AutoCloseable {

    /** How often, in real time, simulated events due by now are applied even when no call comes in. */
    private static final long TICK_MILLIS = 25;

    private final Object lock = new Object();
    private final SandboxConfig config;
    private final Account account;
    private final SandboxClock clock;
    private final Scheduler scheduler;
    private final AwsEndpoint aws;
    private final ScheduledExecutorService ticker;

    private Sandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.account = new Account(Account.DEFAULT_ID, config.region());
        this.clock = SandboxClock.system(config.speed());
        this.scheduler = new Scheduler(clock);
        Throttling throttling = new Throttling(scheduler::now, config.throttling());
        FaultInjector faults = new FaultInjector();
        CallLog calls = new CallLog();
        SimulatedMetrics metrics = new SimulatedMetrics();

        Ec2Api ec2 = new Ec2Api(account);
        EcrApi ecr = new EcrApi(account, scheduler);
        // No ECS here yet, so no service to scale: RegisterScalableTarget answers as AWS does for a missing one.
        ScalableServices noServices = new ScalableServices() {
            @Override
            public OptionalInt desiredCount(String resourceId) {
                return OptionalInt.empty();
            }

            @Override
            public void setDesiredCount(String resourceId, int desiredCount) {
                throw new IllegalStateException("no ECS service " + resourceId);
            }
        };
        List<AwsApi> apis = new ArrayList<>(List.of(new StsApi(account), ec2, ecr, new LogsApi(account, scheduler),
                new AutoScalingApi(account, scheduler, noServices, metrics)));
        ImageRegistry images = ecr;

        AwsDispatcher dispatcher = new AwsDispatcher(account, lock, scheduler, throttling, faults, calls, apis);
        ControlApi control = new ControlApi(lock, scheduler, throttling, faults, calls, apis, images, metrics,
                () -> { });
        this.aws = new AwsEndpoint(config.host(), config.awsPort(), dispatcher, control);
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
        ticker.shutdownNow();
        aws.close();
    }
}
