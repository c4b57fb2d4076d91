package dev.ecsapp.sandbox.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.runtime.LocalRuntime;
import dev.ecsapp.sandbox.runtime.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** The service scheduler with a local runtime: tasks of an image in the registry run as real processes. */
class LocalTasksInEcsTest {

    private LocalRuntime runtime;
    private Simulation sim;

    @BeforeEach
    void start() throws IOException {
        runtime = LocalRuntime.start(new TestImages());
        Assumptions.assumeTrue(runtime.unavailableReason().isEmpty(), () -> runtime.unavailableReason().get());
        sim = new Simulation(runtime);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private String register(String command) {
        return register(command, null);
    }

    private String register(String command, HealthCheck healthCheck) {
        return sim.ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder().family("local")
                .requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image(TestImages.IMAGE)
                        .entryPoint("/bin/sh", "-c").command(command).stopTimeout(5).healthCheck(healthCheck)
                        .build())
                .build()).taskDefinition().taskDefinitionArn();
    }

    private List<Task> tasks(String desiredStatus) {
        var arns = sim.ecs.listTasks(ListTasksRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).serviceName("local")
                .desiredStatus(desiredStatus).build()).taskArns();
        return arns.isEmpty() ? List.of() : sim.ecs.describeTasks(DescribeTasksRequest.builder()
                .cluster(EcsApi.DEFAULT_CLUSTER).tasks(arns).build()).tasks();
    }

    /** Simulated time moves a second per 50 ms of real time, so that real processes have time to report. */
    private void advanceUntil(BooleanSupplier condition, Duration atMostReal) throws InterruptedException {
        long deadline = System.nanoTime() + atMostReal.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + atMostReal).isLessThan(deadline);
            sim.advance(Duration.ofSeconds(1));
            Thread.sleep(50);
        }
    }

    @Test
    void anExitingContainerStopsItsTaskWhichIsReplacedAndCounted() throws Exception {
        sim.ecs.createService(sim.service("local", register("echo started; exit 3"), 1)
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(Simulation.rollback())).build());

        advanceUntil(() -> tasks("STOPPED").stream().anyMatch(t -> "STOPPED".equals(t.lastStatus())),
                Duration.ofSeconds(60));

        Task stopped = tasks("STOPPED").stream().filter(t -> "STOPPED".equals(t.lastStatus())).findFirst()
                .orElseThrow();
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
        assertThat(sim.describe("local").deployments().get(0).failedTasks()).isGreaterThanOrEqualTo(1);
        advanceUntil(() -> !tasks("RUNNING").isEmpty(), Duration.ofSeconds(30));
        assertThat(tasks("RUNNING")).as("a replacement").isNotEmpty();
    }

    @Test
    void aTaskEcsStopsGetsSigtermAndStopsWhenItsProcessIsGone() throws Exception {
        sim.ecs.createService(sim.service("local", register(
                "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"), 1).build());
        advanceUntil(() -> tasks("RUNNING").stream().anyMatch(t -> "RUNNING".equals(t.lastStatus())),
                Duration.ofSeconds(30));
        String ip = tasks("RUNNING").get(0).containers().get(0).networkInterfaces().get(0).privateIpv4Address();
        assertThat(runtime.runsLocally(ip)).isTrue();

        sim.ecs.updateService(UpdateServiceRequest.builder().cluster(EcsApi.DEFAULT_CLUSTER).service("local")
                .desiredCount(0).build());
        advanceUntil(() -> tasks("STOPPED").stream().anyMatch(t -> "STOPPED".equals(t.lastStatus())),
                Duration.ofSeconds(30));

        Task stopped = tasks("STOPPED").get(0);
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.containers().get(0).exitCode()).isZero();
        assertThat(runtime.runsLocally(ip)).isFalse();
    }

    @Test
    void healthChecksOfTheProcessDecideTheTasksHealth() throws Exception {
        String forever = "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done";
        sim.ecs.createService(sim.service("local", register(forever, HealthCheck.builder()
                .command("CMD-SHELL", "test -e /tmp/sick && exit 1; exit 0").interval(1).retries(1).build()), 1)
                .build());
        advanceUntil(() -> tasks("RUNNING").stream().anyMatch(t -> "HEALTHY".equals(t.healthStatusAsString())),
                Duration.ofSeconds(30));
        Task healthy = tasks("RUNNING").get(0);
        advanceUntil(() -> "COMPLETED".equals(sim.describe("local").deployments().get(0).rolloutStateAsString()),
                Duration.ofSeconds(10));

        // The check turns failing: ECS replaces the task.
        String ip = healthy.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
        Files.writeString(runtime.task(ip).orElseThrow().rootDirectory().orElseThrow().resolve("tmp/sick"), "");
        advanceUntil(() -> tasks("STOPPED").stream().anyMatch(t -> t.taskArn().equals(healthy.taskArn())
                && "STOPPED".equals(t.lastStatus())), Duration.ofSeconds(60));
        Task stopped = tasks("STOPPED").stream().filter(t -> t.taskArn().equals(healthy.taskArn())).findFirst()
                .orElseThrow();
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(stopped.healthStatusAsString()).isEqualTo("UNHEALTHY");
    }
}
