package dev.ecsapp.sandbox.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

class ServiceSchedulerTest {

    private final Simulation sim = new Simulation();

    private java.util.List<Task> runningTasks(String service) {
        var arns = sim.ecs.listTasks(ListTasksRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).serviceName(service)
                .build()).taskArns();
        return arns.isEmpty() ? java.util.List.of() : sim.ecs.describeTasks(DescribeTasksRequest.builder()
                .cluster(EcsApi.DEFAULT_CLUSTER).tasks(arns).build()).tasks();
    }

    @Test
    void tasksGoThroughProvisioningAndPendingToRunning() {
        String td = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", td, 1).build());

        sim.advance(Duration.ofSeconds(1));
        assertThat(runningTasks("web")).extracting(Task::lastStatus).containsExactly("PROVISIONING");
        sim.advance(Duration.ofSeconds(5));
        assertThat(runningTasks("web")).extracting(Task::lastStatus).containsExactly("PENDING");
        sim.advance(Duration.ofSeconds(10));
        assertThat(runningTasks("web")).extracting(Task::lastStatus).containsExactly("RUNNING");
    }

    @Test
    void aNewServiceRollsOutToTheDesiredCountAndCompletes() {
        String td = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", td, 3).build());

        Service starting = sim.describe("web");
        assertThat(starting.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        });

        sim.advance(Duration.ofSeconds(30));

        Service done = sim.describe("web");
        assertThat(done.runningCount()).isEqualTo(3);
        assertThat(done.pendingCount()).isZero();
        assertThat(done.deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(d.runningCount()).isEqualTo(3);
        });
        assertThat(done.events().get(0).message()).isEqualTo("(service web) has reached a steady state.");
    }

    @Test
    void tasksAreSpreadOverTheSubnetsWithPrivateAddresses() {
        String td = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", td, 2).build());
        sim.advance(Duration.ofSeconds(30));

        assertThat(runningTasks("web")).extracting(Task::availabilityZone)
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(runningTasks("web")).allSatisfy(t -> assertThat(t.attachments().get(0).details())
                .anySatisfy(kv -> assertThat(kv.value()).matches("10\\.0\\.1[12]\\.\\d+")));
    }

    @Test
    void behindALoadBalancerATaskCountsOnlyOnceItsTargetIsHealthy() {
        String td = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", td, 1).loadBalancers(LoadBalancer.builder()
                .targetGroupArn(Simulation.TARGET_GROUP).containerName("app").containerPort(5000).build()).build());

        sim.advance(Duration.ofSeconds(16));
        assertThat(sim.describe("web").runningCount()).isEqualTo(1);
        assertThat(sim.describe("web").deployments().get(0).rolloutStateAsString()).isEqualTo("IN_PROGRESS");

        sim.advance(Duration.ofSeconds(15));
        assertThat(sim.describe("web").deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");
        assertThat(sim.targets.registrations).isEqualTo(1);
    }

    @Test
    void anUpdatedTaskDefinitionRollsWithinMinimumHealthyAndMaximumPercent() {
        String v1 = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", v1, 2).loadBalancers(LoadBalancer.builder()
                .targetGroupArn(Simulation.TARGET_GROUP).containerName("app").containerPort(5000).build())
                .deploymentConfiguration(DeploymentConfiguration.builder().minimumHealthyPercent(100)
                        .maximumPercent(150).build()).build());
        sim.advance(Duration.ofSeconds(60));
        String v2 = sim.register("web", "nginx:1.28");

        sim.ecs.updateService(UpdateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).service("web")
                .taskDefinition(v2).build());

        Service rolling = sim.describe("web");
        assertThat(rolling.deployments()).extracting(d -> d.status()).containsExactly("PRIMARY", "ACTIVE");
        assertThat(rolling.taskDefinition()).isEqualTo(v2);
        int peak = 0;
        for (int second = 0; second < 300; second++) {
            sim.advance(Duration.ofSeconds(1));
            int live = runningTasks("web").size();
            peak = Math.max(peak, live);
            long healthy = runningTasks("web").stream().filter(t -> t.lastStatus().equals("RUNNING")
                    && t.desiredStatus().equals("RUNNING")).count();
            assertThat(healthy).as("never below 100%% healthy at %ds", second).isGreaterThanOrEqualTo(2);
        }
        assertThat(peak).as("at most 150%% of 2 tasks").isLessThanOrEqualTo(3);
        Service done = sim.describe("web");
        assertThat(done.deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(v2);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(runningTasks("web")).extracting(Task::taskDefinitionArn).containsOnly(v2);
    }

    @Test
    void changingOnlyTheDesiredCountStartsNoNewDeployment() {
        String td = sim.register("web", "nginx:1.27");
        sim.ecs.createService(sim.service("web", td, 1).build());
        sim.advance(Duration.ofSeconds(30));

        sim.ecs.updateService(UpdateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).service("web")
                .desiredCount(3).build());
        sim.advance(Duration.ofSeconds(30));

        Service scaled = sim.describe("web");
        assertThat(scaled.deployments()).hasSize(1);
        assertThat(scaled.runningCount()).isEqualTo(3);
    }

    @Test
    void aFailingImageTripsTheCircuitBreakerAndRollsBackToTheLastCompletedDeployment() {
        String good = sim.register("web", "registry.example/web:1");
        sim.ecs.createService(sim.service("web", good, 2).deploymentConfiguration(DeploymentConfiguration.builder()
                .deploymentCircuitBreaker(Simulation.rollback()).build()).build());
        sim.advance(Duration.ofSeconds(30));
        String firstDeployment = sim.describe("web").deployments().get(0).id();
        sim.images.failing.add("registry.example/web:2");
        String bad = sim.register("web", "registry.example/web:2");

        sim.ecs.updateService(UpdateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).service("web")
                .taskDefinition(bad).build());
        sim.advance(Duration.ofSeconds(120));

        Service rolledBack = sim.describe("web");
        assertThat(rolledBack.taskDefinition()).isEqualTo(good);
        assertThat(rolledBack.deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(good);
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
        });
        assertThat(rolledBack.events()).anySatisfy(e -> assertThat(e.message())
                .endsWith("deployment failed: tasks failed to start."));
        assertThat(rolledBack.events()).anySatisfy(e -> assertThat(e.message())
                .isEqualTo("(service web) rolling back to deployment " + firstDeployment + "."));
        assertThat(rolledBack.runningCount()).isEqualTo(2);
    }

    @Test
    void theFailedDeploymentIsReportedFailedWhileTheRollbackRuns() {
        String good = sim.register("web", "registry.example/web:1");
        sim.ecs.createService(sim.service("web", good, 1).deploymentConfiguration(DeploymentConfiguration.builder()
                .deploymentCircuitBreaker(Simulation.rollback()).build()).build());
        sim.advance(Duration.ofSeconds(30));
        sim.images.failing.add("registry.example/web:2");
        sim.ecs.updateService(UpdateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).service("web")
                .taskDefinition(sim.register("web", "registry.example/web:2")).build());

        // Three failures (the minimum threshold) at 15 s each.
        sim.advance(Duration.ofSeconds(46));

        Service service = sim.describe("web");
        assertThat(service.deployments()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(service.deployments().get(0).rolloutStateReason()).startsWith(
                "ECS deployment circuit breaker: rolling back to deploymentId ");
        assertThat(service.deployments()).filteredOn(d -> d.rolloutStateAsString().equals("FAILED"))
                .singleElement().satisfies(d -> {
                    assertThat(d.failedTasks()).isEqualTo(3);
                    assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to "
                            + "start.");
                });
    }

    @Test
    void withoutTheCircuitBreakerFailedTasksAreReplacedAgainAndAgain() {
        sim.images.failing.add("registry.example/web:broken");
        String td = sim.register("web", "registry.example/web:broken");
        sim.ecs.createService(sim.service("web", td, 1).build());

        sim.advance(Duration.ofSeconds(100));

        Service service = sim.describe("web");
        assertThat(service.deployments().get(0).rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(service.deployments().get(0).failedTasks()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void thresholdIsHalfTheDesiredCountBetweenThreeAndTwoHundred() {
        assertThat(ServiceScheduler.circuitBreakerThreshold(1)).isEqualTo(3);
        assertThat(ServiceScheduler.circuitBreakerThreshold(10)).isEqualTo(5);
        assertThat(ServiceScheduler.circuitBreakerThreshold(11)).isEqualTo(6);
        assertThat(ServiceScheduler.circuitBreakerThreshold(1000)).isEqualTo(200);
    }
}
