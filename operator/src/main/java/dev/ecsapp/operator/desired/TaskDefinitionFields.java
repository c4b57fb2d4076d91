package dev.ecsapp.operator.desired;

import dev.ecsapp.awsfacts.FargateSizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

// Every member a RegisterTaskDefinition call can carry is compared, at task and container level, not only those the
// operator sets: a revision registered by hand (the console's "create new revision") with, say, a stop timeout or
// docker labels of its own is not the operator's, and must not be taken for it. The members only an answer has
// (revision, status, requiresAttributes, compatibilities, registeredAt, ...) are not in the request, so they never
// count. What ECS fills in compares as what it means: set-like lists are sorted or keyed by name, empty lists and
// objects are absent, and a value equal to AWS's default is the same as no value.
/** A task definition flattened to path and value, so that desired and registered revisions compare like with like. */
final class TaskDefinitionFields {

    static final String TAGS = "tags";
    static final String FAMILY = "family";
    static final String CONTAINERS = "containers";
    private static final String CONTAINER = "container.";

    /**
     * AWS's documented defaults (RegisterTaskDefinition and ContainerDefinition in the ECS API reference, Fargate's
     * where the launch types differ), by path: a value equal to its default means what leaving the member out means.
     */
    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("enableFaultInjection", false),
            Map.entry("ephemeralStorage.sizeInGiB", 20),
            Map.entry("runtimePlatform.cpuArchitecture", "X86_64"),
            Map.entry("runtimePlatform.operatingSystemFamily", "LINUX"),
            Map.entry("container.cpu", 0),
            Map.entry("container.essential", true),
            Map.entry("container.portMappings.protocol", "tcp"),
            Map.entry("container.healthCheck.interval", 30),
            Map.entry("container.healthCheck.timeout", 5),
            Map.entry("container.healthCheck.retries", 3),
            Map.entry("container.healthCheck.startPeriod", 0),
            Map.entry("container.stopTimeout", 30),
            Map.entry("container.versionConsistency", "enabled"),
            Map.entry("container.restartPolicy.enabled", false),
            Map.entry("container.restartPolicy.restartAttemptPeriod", 300),
            Map.entry("container.linuxParameters.initProcessEnabled", false),
            Map.entry("container.disableNetworking", false),
            Map.entry("container.privileged", false),
            Map.entry("container.readonlyRootFilesystem", false),
            Map.entry("container.interactive", false),
            Map.entry("container.pseudoTerminal", false));

    /** Members compared by a rule of their own below; every other member is compared as {@link SdkValues} has it. */
    private static final Set<String> TASK_MEMBERS_WITH_RULES = Set.of(
            "cpu", "memory", "requiresCompatibilities", "containerDefinitions", TAGS);
    private static final Set<String> CONTAINER_MEMBERS_WITH_RULES = Set.of(
            "name", "portMappings", "environment", "secrets");

    private static final List<SdkField<?>> REGISTER_MEMBERS = RegisterTaskDefinitionRequest.builder().build()
            .sdkFields();
    private static final Map<String, SdkField<?>> REVISION_MEMBERS = byName(TaskDefinition.builder().build()
            .sdkFields());

    private TaskDefinitionFields() {
    }

    static SortedMap<String, Object> of(DesiredTaskDefinition desired) {
        DesiredContainer container = desired.container();
        SortedMap<String, Object> fields = new TreeMap<>();
        put(fields, FAMILY, desired.family());
        put(fields, "cpu", desired.cpu());
        put(fields, "memory", desired.memory());
        put(fields, "networkMode", DesiredTaskDefinition.NETWORK_MODE);
        put(fields, "requiresCompatibilities", List.of(DesiredTaskDefinition.COMPATIBILITY));
        put(fields, "executionRoleArn", desired.executionRoleArn());
        put(fields, "taskRoleArn", desired.taskRoleArn());
        put(fields, CONTAINERS, List.of(container.name()));
        put(fields, CONTAINER + "image", container.image());
        put(fields, CONTAINER + "essential", true);
        put(fields, CONTAINER + "portMappings", portMappings(List.of(PortMapping.builder()
                .containerPort(container.containerPort()).hostPort(container.containerPort()).protocol("tcp")
                .build()), DesiredTaskDefinition.NETWORK_MODE));
        put(fields, CONTAINER + "environment", toMap(container.environment()));
        put(fields, CONTAINER + "secrets", toMap(container.secrets()));
        DesiredHealthCheck check = container.healthCheck();
        put(fields, CONTAINER + "healthCheck", check == null ? null : HealthCheck.builder().command(check.command())
                .interval(check.interval()).timeout(check.timeout()).retries(check.retries())
                .startPeriod(check.startPeriod()).build());
        put(fields, CONTAINER + "logConfiguration", LogConfiguration.builder().logDriver(DesiredContainer.LOG_DRIVER)
                .options(container.logOptions()).build());
        put(fields, TAGS, desired.tags());
        return fields;
    }

    /** The revision as DescribeTaskDefinition returns it, and its tags (asked for with include=TAGS). */
    static SortedMap<String, Object> of(TaskDefinition observed, Map<String, String> observedTags) {
        SortedMap<String, Object> fields = new TreeMap<>();
        for (SdkField<?> member : REGISTER_MEMBERS) {
            SdkField<?> same = REVISION_MEMBERS.get(member.locationName());
            if (same != null && !TASK_MEMBERS_WITH_RULES.contains(member.locationName())) {
                put(fields, member.locationName(), same.getValueOrDefault(observed));
            }
        }
        // Fargate sizes may be written as "0.5 vCPU" or "1 GB"; ECS answers with what it was given.
        put(fields, "cpu", String.valueOf(FargateSizes.cpuUnits(observed.cpu()).orElse(-1)));
        put(fields, "memory", String.valueOf(FargateSizes.memoryMib(observed.memory()).orElse(-1)));
        put(fields, "requiresCompatibilities",
                new ArrayList<>(new TreeSet<>(observed.requiresCompatibilitiesAsStrings())));
        put(fields, CONTAINERS, observed.containerDefinitions().stream().map(ContainerDefinition::name).toList());
        if (!observed.containerDefinitions().isEmpty()) {
            putContainer(observed.containerDefinitions().get(0), observed.networkModeAsString(), fields);
        }
        SortedMap<String, String> tags = new TreeMap<>(observedTags);
        // aws: tags are set by AWS itself (CloudFormation, Service Catalog); they are never the operator's to fix.
        tags.keySet().removeIf(key -> key.startsWith("aws:"));
        put(fields, TAGS, tags);
        return fields;
    }

    private static void putContainer(ContainerDefinition container, String networkMode,
            SortedMap<String, Object> fields) {
        for (SdkField<?> member : container.sdkFields()) {
            if (!CONTAINER_MEMBERS_WITH_RULES.contains(member.locationName())) {
                put(fields, CONTAINER + member.locationName(), member.getValueOrDefault(container));
            }
        }
        put(fields, CONTAINER + "portMappings", portMappings(container.portMappings(), networkMode));
        // The environment and secrets are sets of names: their order in the revision means nothing.
        SortedMap<String, String> environment = new TreeMap<>();
        for (KeyValuePair pair : container.environment()) {
            environment.put(pair.name(), Objects.toString(pair.value(), ""));
        }
        put(fields, CONTAINER + "environment", environment);
        SortedMap<String, String> secrets = new TreeMap<>();
        for (Secret secret : container.secrets()) {
            secrets.put(secret.name(), secret.valueFrom());
        }
        put(fields, CONTAINER + "secrets", secrets);
    }

    private static List<Object> portMappings(List<PortMapping> mappings, String networkMode) {
        List<Object> ports = new ArrayList<>();
        for (PortMapping mapping : mappings) {
            // In awsvpc mode the host port is the container port; ECS writes it in when it was left out.
            PortMapping filled = mapping.hostPort() == null && "awsvpc".equals(networkMode)
                    ? mapping.toBuilder().hostPort(mapping.containerPort()).build() : mapping;
            ports.add(SdkValues.of(CONTAINER + "portMappings", filled, DEFAULTS));
        }
        ports.sort(Comparator.comparing(String::valueOf));
        return ports;
    }

    /** Puts the comparable form of the value, or nothing when it means "not set". */
    private static void put(SortedMap<String, Object> fields, String path, Object value) {
        Object form = SdkValues.of(path, value, DEFAULTS);
        if (form != null) {
            fields.put(path, form);
        }
    }

    private static SortedMap<String, String> toMap(List<KeyValue> pairs) {
        SortedMap<String, String> map = new TreeMap<>();
        pairs.forEach(pair -> map.put(pair.name(), pair.value()));
        return map;
    }

    private static Map<String, SdkField<?>> byName(List<SdkField<?>> members) {
        Map<String, SdkField<?>> byName = new TreeMap<>();
        members.forEach(member -> byName.put(member.locationName(), member));
        return byName;
    }
}
