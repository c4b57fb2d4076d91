package dev.ecsapp.operator.desired;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.ContainerRestartPolicy;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.FirelensConfiguration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HostEntry;
import software.amazon.awssdk.services.ecs.model.InferenceAccelerator;
import software.amazon.awssdk.services.ecs.model.KernelCapabilities;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LinuxParameters;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ProxyConfiguration;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RepositoryCredentials;
import software.amazon.awssdk.services.ecs.model.ResourceRequirement;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SystemControl;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Ulimit;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

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

    // ---- every field a register call can carry ---------------------------------------------------------------

    private static Arguments task(String member, UnaryOperator<TaskDefinition.Builder> change) {
        return Arguments.of(member, member, change);
    }

    private static Arguments container(String member, UnaryOperator<ContainerDefinition.Builder> change) {
        return Arguments.of("container." + member, "container." + member, changeContainer(change));
    }

    private static UnaryOperator<TaskDefinition.Builder> changeContainer(
            UnaryOperator<ContainerDefinition.Builder> change) {
        return task -> {
            List<ContainerDefinition> containers = new ArrayList<>(task.build().containerDefinitions());
            containers.set(0, change.apply(containers.get(0).toBuilder()).build());
            return task.containerDefinitions(containers);
        };
    }

    /** One row per member of RegisterTaskDefinitionRequest and ContainerDefinition: a console edit of it. */
    static Stream<Arguments> handEdits() {
        return Stream.of(
                task("family", t -> t.family("shop_other")),
                task("taskRoleArn", t -> t.taskRoleArn("arn:aws:iam::123456789012:role/admin")),
                task("executionRoleArn", t -> t.executionRoleArn("arn:aws:iam::123456789012:role/other")),
                task("networkMode", t -> t.networkMode(NetworkMode.BRIDGE)),
                Arguments.of("containerDefinitions", "containers", (UnaryOperator<TaskDefinition.Builder>) t ->
                        t.containerDefinitions(List.of())),
                task("volumes", t -> t.volumes(Volume.builder().name("scratch").build())),
                task("placementConstraints", t -> t.placementConstraints(TaskDefinitionPlacementConstraint.builder()
                        .type("memberOf").expression("attribute:ecs.os-type == linux").build())),
                task("requiresCompatibilities", t -> t.requiresCompatibilities(Compatibility.EC2)),
                task("cpu", t -> t.cpu("1024")),
                task("memory", t -> t.memory("2048")),
                task("pidMode", t -> t.pidMode("task")),
                task("ipcMode", t -> t.ipcMode("task")),
                task("proxyConfiguration", t -> t.proxyConfiguration(ProxyConfiguration.builder()
                        .containerName("envoy").type("APPMESH").build())),
                task("inferenceAccelerators", t -> t.inferenceAccelerators(InferenceAccelerator.builder()
                        .deviceName("device1").deviceType("eia2.medium").build())),
                task("ephemeralStorage", t -> t.ephemeralStorage(EphemeralStorage.builder().sizeInGiB(50).build())),
                task("runtimePlatform", t -> t.runtimePlatform(RuntimePlatform.builder().cpuArchitecture("ARM64")
                        .operatingSystemFamily("LINUX").build())),
                task("enableFaultInjection", t -> t.enableFaultInjection(true)),
                Arguments.of("container.name", "containers", changeContainer(c -> c.name("web"))),
                container("image", c -> c.image("nginx:1.27")),
                container("repositoryCredentials", c -> c.repositoryCredentials(RepositoryCredentials.builder()
                        .credentialsParameter("arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub").build())),
                container("cpu", c -> c.cpu(256)),
                container("memory", c -> c.memory(512)),
                container("memoryReservation", c -> c.memoryReservation(256)),
                container("links", c -> c.links("db")),
                container("portMappings", c -> c.portMappings(PortMapping.builder().containerPort(5000).hostPort(5000)
                        .protocol(TransportProtocol.TCP).name("checkout-5000-tcp").appProtocol("http").build())),
                container("essential", c -> c.essential(false)),
                container("restartPolicy", c -> c.restartPolicy(ContainerRestartPolicy.builder().enabled(true)
                        .build())),
                container("entryPoint", c -> c.entryPoint("sh", "-c")),
                container("command", c -> c.command("sleep", "infinity")),
                container("environment", c -> c.environment(KeyValuePair.builder().name("A").value("one").build())),
                container("environmentFiles", c -> c.environmentFiles(EnvironmentFile.builder().type("s3")
                        .value("arn:aws:s3:::config/app.env").build())),
                container("mountPoints", c -> c.mountPoints(MountPoint.builder().sourceVolume("scratch")
                        .containerPath("/tmp").build())),
                container("volumesFrom", c -> c.volumesFrom(VolumeFrom.builder().sourceContainer("data").build())),
                container("linuxParameters", c -> c.linuxParameters(LinuxParameters.builder().capabilities(
                        KernelCapabilities.builder().add("SYS_PTRACE").build()).build())),
                container("secrets", c -> c.secrets(Secret.builder().name("KEY").valueFrom("arn:other").build())),
                container("dependsOn", c -> c.dependsOn(ContainerDependency.builder().containerName("init")
                        .condition("SUCCESS").build())),
                container("startTimeout", c -> c.startTimeout(60)),
                container("stopTimeout", c -> c.stopTimeout(5)),
                container("versionConsistency", c -> c.versionConsistency("disabled")),
                container("hostname", c -> c.hostname("checkout")),
                container("user", c -> c.user("0")),
                container("workingDirectory", c -> c.workingDirectory("/srv")),
                container("disableNetworking", c -> c.disableNetworking(true)),
                container("privileged", c -> c.privileged(true)),
                container("readonlyRootFilesystem", c -> c.readonlyRootFilesystem(true)),
                container("dnsServers", c -> c.dnsServers("10.0.0.2")),
                container("dnsSearchDomains", c -> c.dnsSearchDomains("internal")),
                container("extraHosts", c -> c.extraHosts(HostEntry.builder().hostname("db").ipAddress("10.0.0.9")
                        .build())),
                container("dockerSecurityOptions", c -> c.dockerSecurityOptions("no-new-privileges")),
                container("interactive", c -> c.interactive(true)),
                container("pseudoTerminal", c -> c.pseudoTerminal(true)),
                container("dockerLabels", c -> c.dockerLabels(Map.of("com.datadoghq.ad.check_names", "[]"))),
                container("ulimits", c -> c.ulimits(Ulimit.builder().name("nofile").softLimit(1024).hardLimit(4096)
                        .build())),
                container("logConfiguration", c -> c.logConfiguration(LogConfiguration.builder()
                        .logDriver("awsfirelens").build())),
                container("healthCheck", c -> c.healthCheck((HealthCheck) null)),
                container("systemControls", c -> c.systemControls(SystemControl.builder()
                        .namespace("net.core.somaxconn").value("1024").build())),
                container("resourceRequirements", c -> c.resourceRequirements(ResourceRequirement.builder()
                        .type("GPU").value("1").build())),
                container("firelensConfiguration", c -> c.firelensConfiguration(FirelensConfiguration.builder()
                        .type("fluentbit").build())),
                container("credentialSpecs", c -> c.credentialSpecs("credentialspec:arn:aws:s3:::specs/gmsa.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handEdits")
    void aRevisionRegisteredByHandWithAnyFieldChangedIsNotTheOperators(String member, String path,
            UnaryOperator<TaskDefinition.Builder> edit) {
        TaskDefinition observed = edit.apply(registered(c -> c).toBuilder()).build();

        TaskDefinitionDiff diff = TaskDefinitionDiff.between(desired, observed, registeredTags());

        assertThat(diff.changedPaths()).contains(path);
        assertThat(diff.changeClass()).isGreaterThanOrEqualTo(ChangeClass.NEW_REVISION);
    }

    @Test
    void everyMemberARegisterCallCanCarryHasAHandEdit() {
        Set<String> members = new TreeSet<>();
        RegisterTaskDefinitionRequest.builder().build().sdkFields().stream().map(SdkField::locationName)
                // Tags are compared on their own (tagsAwsSetItselfAreIgnored, changedTagsAloneAreAnInPlaceChange).
                .filter(member -> !member.equals("tags"))
                .forEach(members::add);
        ContainerDefinition.builder().build().sdkFields()
                .forEach(field -> members.add("container." + field.locationName()));

        assertThat(handEdits().map(row -> (String) row.get()[0])).containsExactlyInAnyOrderElementsOf(members);
    }

    /** Values ECS writes into an answer, or a console sends, that mean what leaving the field out means. */
    static Stream<Arguments> awsDefaults() {
        return Stream.of(
                Arguments.of("fields only an answer has", (UnaryOperator<TaskDefinition.Builder>) t -> t
                        .requiresAttributes(Attribute.builder().name("ecs.capability.task-eni").build())
                        .compatibilities(Compatibility.EC2, Compatibility.FARGATE)
                        .registeredAt(Instant.parse("2025-01-01T00:00:00Z"))
                        .registeredBy("arn:aws:iam::123456789012:user/ci").revision(9)),
                Arguments.of("empty lists", (UnaryOperator<TaskDefinition.Builder>) t -> t.placementConstraints(
                        List.of()).inferenceAccelerators(List.of())),
                Arguments.of("Linux on x86 is Fargate's platform", (UnaryOperator<TaskDefinition.Builder>) t -> t
                        .runtimePlatform(RuntimePlatform.builder().cpuArchitecture("X86_64")
                                .operatingSystemFamily("LINUX").build())),
                Arguments.of("20 GiB is Fargate's ephemeral storage", (UnaryOperator<TaskDefinition.Builder>) t -> t
                        .ephemeralStorage(EphemeralStorage.builder().sizeInGiB(20).build())),
                Arguments.of("fault injection off", (UnaryOperator<TaskDefinition.Builder>) t -> t
                        .enableFaultInjection(false)),
                Arguments.of("container flags off", changeContainer(c -> c.privileged(false)
                        .readonlyRootFilesystem(false).disableNetworking(false).interactive(false)
                        .pseudoTerminal(false))),
                Arguments.of("30 s is Fargate's stop timeout", changeContainer(c -> c.stopTimeout(30))),
                Arguments.of("image digests resolved", changeContainer(c -> c.versionConsistency("enabled"))),
                Arguments.of("empty container lists and maps", changeContainer(c -> c.systemControls(List.of())
                        .ulimits(List.of()).dockerLabels(Map.of()).command(List.of()).entryPoint(List.of())
                        .environmentFiles(List.of()).dependsOn(List.of()).links(List.of()))),
                Arguments.of("linux parameters with nothing in them", changeContainer(c -> c.linuxParameters(
                        LinuxParameters.builder().initProcessEnabled(false).capabilities(KernelCapabilities.builder()
                                .add(List.of()).drop(List.of()).build()).devices(List.of()).tmpfs(List.of())
                                .build()))),
                Arguments.of("no secret log options", changeContainer(c -> c.logConfiguration(LogConfiguration
                        .builder().logDriver("awslogs").secretOptions(List.of()).options(Map.of(
                                "awslogs-stream-prefix", "ecs",
                                "awslogs-group", "/ecs/shop/checkout",
                                "awslogs-region", "eu-west-1")).build()))),
                Arguments.of("health check defaults written out", changeContainer(c -> c.healthCheck(
                        HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:5000/health")
                                .interval(30).timeout(5).retries(3).startPeriod(0).build()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsDefaults")
    void valuesThatMeanAwsDefaultsAreNoChange(String description, UnaryOperator<TaskDefinition.Builder> edit) {
        TaskDefinition observed = edit.apply(registered(c -> c).toBuilder()).build();

        TaskDefinitionDiff diff = TaskDefinitionDiff.between(desired, observed, registeredTags());

        assertThat(diff.changedPaths()).isEmpty();
    }

    @Test
    void portMappingsCompareAsASetWithTheirDefaultsFilledIn() {
        TaskDefinitionDiff diff = diff(c -> c.portMappings(PortMapping.builder().containerPort(5000).build()),
                registeredTags());

        assertThat(diff.changedPaths()).isEmpty();
    }
}
