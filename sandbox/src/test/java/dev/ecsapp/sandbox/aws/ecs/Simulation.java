package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ImageRegistry;
import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.runtime.LocalRuntime;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS on a frozen clock with stand-ins for ELBv2 and ECR, for deterministic tests of the service scheduler without
 * HTTP: time moves only when a test says so.
 */
final class Simulation {

    static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef";

    final SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 0);
    final Scheduler scheduler = new Scheduler(clock);
    final Account account = new Account("123456789012", "us-east-1");
    final FakeTargets targets = new FakeTargets();
    final FakeImages images = new FakeImages();
    final EcsApi ecs;

    void advance(Duration by) {
        // In steps, so that events scheduled by events run at their own due time.
        for (long s = 0; s < by.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            scheduler.runDue();
        }
    }

    String register(String family, String image) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder()
                .family(family).requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc")
                .cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image(image)
                        .portMappings(PortMapping.builder().containerPort(5000).build()).build())
                .build()).taskDefinition().taskDefinitionArn();
    }

    CreateServiceRequest.Builder service(String name, String taskDefinition, int desired) {
        return CreateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).serviceName(name)
                .taskDefinition(taskDefinition).desiredCount(desired)
                .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                        .subnets(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B)
                        .securityGroups(Ec2Api.TASKS_SECURITY_GROUP).build()).build());
    }

    static DeploymentCircuitBreaker rollback() {
        return DeploymentCircuitBreaker.builder().enable(true).rollback(true).build();
    }

    Service describe(String name) {
        return ecs.describeServices(DescribeServicesRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER)
                .services(name).build()).services().get(0);
    }

    /** Targets turn healthy 10 s after registration and drain for the delay set here. */
    static final class FakeTargets implements LoadBalancerTargets {
        final Map<String, Instant> registered = new HashMap<>();
        final Map<String, Instant> drainingUntil = new HashMap<>();
        Duration deregistrationDelay = Duration.ofSeconds(30);
        private Scheduler scheduler;
        int registrations;

        private static String key(String tg, String ip, int port) {
            return tg + " " + ip + ":" + port;
        }

        void attach(Scheduler s) {
            this.scheduler = s;
        }

        @Override
        public Optional<String> problemWith(String targetGroupArn) {
            return targetGroupArn.equals(TARGET_GROUP) ? Optional.empty()
                    : Optional.of("The target group with targetGroupArn " + targetGroupArn + " does not have an "
                            + "associated load balancer.");
        }

        @Override
        public void register(String tg, String ip, int port) {
            registrations++;
            registered.put(key(tg, ip, port), scheduler.now());
        }

        @Override
        public void deregister(String tg, String ip, int port) {
            drainingUntil.put(key(tg, ip, port), scheduler.now().plus(deregistrationDelay));
        }

        @Override
        public Optional<String> health(String tg, String ip, int port) {
            Instant at = registered.get(key(tg, ip, port));
            if (at == null) {
                return Optional.empty();
            }
            if (drainingUntil.containsKey(key(tg, ip, port))) {
                return Optional.of(DRAINING);
            }
            return Optional.of(scheduler.now().isBefore(at.plusSeconds(10)) ? INITIAL : HEALTHY);
        }

        @Override
        public Duration deregistrationDelay(String targetGroupArn) {
            return deregistrationDelay;
        }
    }

    /** Every image pulls, except those a test marks as failing. */
    static final class FakeImages implements ImageRegistry {
        final Set<String> failing = new HashSet<>();

        @Override
        public Optional<String> pullFailure(String image) {
            return failing.contains(image) ? Optional.of("CannotPullContainerError: pull image manifest has been "
                    + "retried 5 time(s): failed to resolve ref " + image + ": not found") : Optional.empty();
        }

        @Override
        public void failTag(String repositoryName, String tag) {
            failing.add(repositoryName + ":" + tag);
        }
    }

    Simulation() {
        this(LocalRuntime.disabled("Simulated tasks only"));
    }

    /** With tasks run as local processes where the runtime can run their image. */
    Simulation(LocalRuntime runtime) {
        ecs = new EcsApi(account, scheduler, new Ec2Api(account), images, targets, runtime);
        targets.attach(scheduler);
    }
}
