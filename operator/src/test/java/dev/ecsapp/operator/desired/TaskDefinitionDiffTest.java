package dev.ecsapp.operator.desired;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

class TaskDefinitionDiffTest {

    private static final String SECRET_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/key";
    private final DesiredTaskDefinition desired = DesiredState.of(new AppIdentity("shop", "checkout"), spec("""
            image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:2.3.1
            cpu: "0.5 vCPU"
            memory: 1024
            env: [{name: B, value: two}, {name: A, value: one}]
            secrets: [{name: KEY, valueFrom: "%s"}]
            healthCheck: {command: [CMD-SHELL, "curl -f http://localhost:5000/health"]}
            tags: {team: payments}
            """.formatted(SECRET_ARN)), DEFAULTS).taskDefinition();

    /** What DescribeTaskDefinition returns for the desired revision: ECS's defaults filled in, env in its order. */
    private TaskDefinition registered(UnaryOperator<ContainerDefinition.Builder> container) {
        ContainerDefinition.Builder definition = ContainerDefinition.builder()
                .name("checkout")
                .image(desired.container().image())
                .cpu(0)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(5000).hostPort(5000)
                        .protocol(TransportProtocol.TCP).build())
                .environment(
                        KeyValuePair.builder().name("APP_VERSION").value("2.3.1").build(),
                        KeyValuePair.builder().name("B").value("two").build(),
                        KeyValuePair.builder().name("A").value("one").build())
                .secrets(Secret.builder().name("KEY").valueFrom(SECRET_ARN).build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:5000/health")
                        .interval(30).timeout(5).retries(3).build())
                .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of(
                        "awslogs-stream-prefix", "ecs",
                        "awslogs-group", "/ecs/shop/checkout",
                        "awslogs-region", "eu-west-1")).build())
                .mountPoints(List.of())
                .volumesFrom(List.of());
        return TaskDefinition.builder()
                .taskDefinitionArn("arn:aws:ecs:eu-west-1:123456789012:task-definition/shop_checkout:7")
                .family("shop_checkout")
                .revision(7)
                .status(TaskDefinitionStatus.ACTIVE)
                .cpu("512")
                .memory("1024")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .compatibilities(Compatibility.EC2, Compatibility.FARGATE)
                .executionRoleArn("arn:aws:iam::123456789012:role/ecsapp-execution")
                .volumes(List.of())
                .containerDefinitions(container.apply(definition).build())
                .build();
    }

    private static Map<String, String> registeredTags() {
        Map<String, String> tags = new HashMap<>();
        tags.put("ecsapp.dev/owner", "shop/checkout");
        tags.put("ecsapp.dev/managed-by", "ecsapp-operator");
        tags.put("team", "payments");
        return tags;
    }

    private TaskDefinitionDiff diff(UnaryOperator<ContainerDefinition.Builder> container, Map<String, String> tags) {
        return TaskDefinitionDiff.between(desired, registered(container), tags);
    }

    @Test
    void theRevisionEcsReturnsForTheDesiredOneIsNoChange() {
        TaskDefinitionDiff diff = diff(c -> c, registeredTags());

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NONE);
        assertThat(diff.changedPaths()).isEmpty();
    }

    @Test
    void fieldsEcsFillsInWhenTheyWereLeftOutCountAsTheirDefaults() {
        TaskDefinitionDiff diff = diff(c -> c.cpu(null).essential(null)
                .portMappings(PortMapping.builder().containerPort(5000).build()), registeredTags());

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void aHealthCheckEcsReturnsWithAnExplicitZeroStartPeriodIsTheSame() {
        TaskDefinitionDiff diff = diff(c -> c.healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "curl -f http://localhost:5000/health")
                .interval(30).timeout(5).retries(3).startPeriod(0).build()), registeredTags());

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void aHealthCheckIntervalChangedByHandNeedsANewRevision() {
        TaskDefinitionDiff diff = diff(c -> c.healthCheck(HealthCheck.builder()
                .command("CMD-SHELL", "curl -f http://localhost:5000/health")
                .interval(10).timeout(5).retries(3).build()), registeredTags());

        assertThat(diff.changedPaths()).containsExactly("container.healthCheck");
    }

    @Test
    void tagsAwsSetItselfAreIgnored() {
        Map<String, String> tags = registeredTags();
        tags.put("aws:cloudformation:stack-name", "platform");

        assertThat(diff(c -> c, tags).changeClass()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void aNewImageNeedsANewRevision() {
        TaskDefinitionDiff diff = diff(c -> c.image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:2.3.0"),
                registeredTags());

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NEW_REVISION);
        assertThat(diff.changedPaths()).containsExactly("container.image");
    }

    @Test
    void aChangedEnvironmentValueNeedsANewRevision() {
        TaskDefinitionDiff diff = diff(c -> c.environment(
                KeyValuePair.builder().name("APP_VERSION").value("2.3.1").build(),
                KeyValuePair.builder().name("A").value("one").build(),
                KeyValuePair.builder().name("B").value("three").build()), registeredTags());

        assertThat(diff.changedPaths()).containsExactly("container.environment");
        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NEW_REVISION);
    }

    @Test
    void aVolumeMountedByHandNeedsANewRevisionThatRemovesIt() {
        TaskDefinitionDiff diff = diff(c -> c.mountPoints(MountPoint.builder().sourceVolume("scratch")
                .containerPath("/tmp").build()), registeredTags());

        assertThat(diff.changedPaths()).containsExactly("container.mountPoints");
    }

    @Test
    void aSecondContainerAddedByHandNeedsANewRevision() {
        TaskDefinition observed = registered(c -> c);
        List<ContainerDefinition> containers = new ArrayList<>(observed.containerDefinitions());
        containers.add(ContainerDefinition.builder().name("sidecar").image("envoy:1").build());

        TaskDefinitionDiff diff = TaskDefinitionDiff.between(desired,
                observed.toBuilder().containerDefinitions(containers).build(), registeredTags());

        assertThat(diff.changedPaths()).containsExactly("containers");
        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NEW_REVISION);
    }

    @Test
    void aTaskSizeEcsWroteInVcpuIsTheSameSize() {
        TaskDefinition observed = registered(c -> c).toBuilder().cpu("0.5 vCPU").memory("1 GB").build();

        assertThat(TaskDefinitionDiff.between(desired, observed, registeredTags()).changeClass())
                .isEqualTo(ChangeClass.NONE);
    }

    @Test
    void changedTagsAloneAreAnInPlaceChange() {
        Map<String, String> tags = registeredTags();
        tags.put("team", "checkout");

        TaskDefinitionDiff diff = diff(c -> c, tags);

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.IN_PLACE);
        assertThat(diff.changedPaths()).containsExactly("tags");
    }

    @Test
    void theDearestChangeDecides() {
        Map<String, String> tags = registeredTags();
        tags.remove("team");

        TaskDefinitionDiff diff = diff(c -> c.image("other:1"), tags);

        assertThat(diff.changeClass()).isEqualTo(ChangeClass.NEW_REVISION);
        assertThat(diff.changedPaths()).containsExactly("container.image", "tags");
    }

    @Test
    void aRevisionOfAnotherFamilyMustBeReplaced() {
        TaskDefinition observed = registered(c -> c).toBuilder().family("shop_checkout-old").build();

        assertThat(TaskDefinitionDiff.between(desired, observed, registeredTags()).changeClass())
                .isEqualTo(ChangeClass.REPLACE);
    }

    @Test
    void changeClassesAreOrderedByCost() {
        assertThat(ChangeClass.NONE.max(ChangeClass.IN_PLACE)).isEqualTo(ChangeClass.IN_PLACE);
        assertThat(ChangeClass.REPLACE.max(ChangeClass.NEW_REVISION)).isEqualTo(ChangeClass.REPLACE);
        assertThat(ChangeClass.NEW_REVISION.max(ChangeClass.NONE)).isEqualTo(ChangeClass.NEW_REVISION);
    }
}
