package dev.ecsapp.operator.desired;

import dev.ecsapp.awsfacts.FargateSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

// What ECS fills in is written out on both sides: lists that are sets become sorted, absent lists empty, and unset
// fields take the value ECS gives them.
/** A task definition flattened to path and value, so that desired and registered revisions compare like with like. */
final class TaskDefinitionFields {

    static final String TAGS = "tags";
    static final String FAMILY = "family";
    /** ECS's container-level defaults (ContainerDefinition in the ECS API reference). */
    private static final int DEFAULT_CONTAINER_CPU = 0;
    private static final boolean DEFAULT_ESSENTIAL = true;
    private static final String DEFAULT_PROTOCOL = "tcp";
    private static final int DEFAULT_HEALTH_CHECK_START_PERIOD = 0;

    private TaskDefinitionFields() {
    }

    static SortedMap<String, Object> of(DesiredTaskDefinition desired) {
        DesiredContainer container = desired.container();
        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put(FAMILY, desired.family());
        fields.put("cpu", desired.cpu());
        fields.put("memory", desired.memory());
        fields.put("networkMode", DesiredTaskDefinition.NETWORK_MODE);
        fields.put("requiresCompatibilities", List.of(DesiredTaskDefinition.COMPATIBILITY));
        fields.put("executionRoleArn", Objects.toString(desired.executionRoleArn(), ""));
        fields.put("taskRoleArn", Objects.toString(desired.taskRoleArn(), ""));
        fields.put("volumes", List.of());
        fields.put("containers", List.of(container.name()));
        fields.put("container.image", container.image());
        fields.put("container.cpu", DEFAULT_CONTAINER_CPU);
        fields.put("container.essential", DEFAULT_ESSENTIAL);
        fields.put("container.portMappings",
                List.of(port(container.containerPort(), container.containerPort(), DEFAULT_PROTOCOL)));
        fields.put("container.environment", toMap(container.environment()));
        fields.put("container.secrets", toMap(container.secrets()));
        fields.put("container.healthCheck", container.healthCheck() == null ? List.of() : List.of(
                container.healthCheck().command(), container.healthCheck().interval(),
                container.healthCheck().timeout(), container.healthCheck().retries(),
                container.healthCheck().startPeriod()));
        fields.put("container.logConfiguration", List.of(DesiredContainer.LOG_DRIVER, container.logOptions()));
        fields.put("container.command", List.of());
        fields.put("container.entryPoint", List.of());
        fields.put("container.mountPoints", List.of());
        fields.put("container.volumesFrom", List.of());
        fields.put(TAGS, new TreeMap<>(desired.tags()));
        return fields;
    }

    /** The revision as DescribeTaskDefinition returns it, and its tags (asked for with include=TAGS). */
    static SortedMap<String, Object> of(TaskDefinition observed, Map<String, String> observedTags) {
        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put(FAMILY, observed.family());
        fields.put("cpu", String.valueOf(FargateSizes.cpuUnits(observed.cpu()).orElse(-1)));
        fields.put("memory", String.valueOf(FargateSizes.memoryMib(observed.memory()).orElse(-1)));
        fields.put("networkMode", observed.networkModeAsString());
        fields.put("requiresCompatibilities",
                new ArrayList<>(new TreeSet<>(observed.requiresCompatibilitiesAsStrings())));
        fields.put("executionRoleArn", Objects.toString(observed.executionRoleArn(), ""));
        fields.put("taskRoleArn", Objects.toString(observed.taskRoleArn(), ""));
        fields.put("volumes", observed.volumes().stream().map(Volume::name).toList());
        fields.put("containers", observed.containerDefinitions().stream().map(ContainerDefinition::name).toList());
        if (!observed.containerDefinitions().isEmpty()) {
            putContainer(observed.containerDefinitions().get(0), observed.networkModeAsString(), fields);
        }
        SortedMap<String, String> tags = new TreeMap<>(observedTags);
        // aws: tags are set by AWS itself (CloudFormation, Service Catalog); they are never the operator's to fix.
        tags.keySet().removeIf(key -> key.startsWith("aws:"));
        fields.put(TAGS, tags);
        return fields;
    }

    private static void putContainer(ContainerDefinition container, String networkMode,
            SortedMap<String, Object> fields) {
        fields.put("container.image", container.image());
        fields.put("container.cpu", container.cpu() == null ? DEFAULT_CONTAINER_CPU : container.cpu());
        fields.put("container.essential", container.essential() == null ? DEFAULT_ESSENTIAL : container.essential());
        List<String> ports = new ArrayList<>();
        for (PortMapping mapping : container.portMappings()) {
            // In awsvpc mode the host port is the container port; ECS writes it in when it was left out.
            Integer hostPort = mapping.hostPort() == null && "awsvpc".equals(networkMode)
                    ? mapping.containerPort() : mapping.hostPort();
            String protocol = mapping.protocol() == null ? DEFAULT_PROTOCOL : mapping.protocolAsString();
            ports.add(port(mapping.containerPort(), hostPort, protocol));
        }
        ports.sort(null);
        fields.put("container.portMappings", ports);
        SortedMap<String, String> environment = new TreeMap<>();
        for (KeyValuePair pair : container.environment()) {
            environment.put(pair.name(), Objects.toString(pair.value(), ""));
        }
        fields.put("container.environment", environment);
        SortedMap<String, String> secrets = new TreeMap<>();
        for (Secret secret : container.secrets()) {
            secrets.put(secret.name(), secret.valueFrom());
        }
        fields.put("container.secrets", secrets);
        HealthCheck check = container.healthCheck();
        fields.put("container.healthCheck", check == null ? List.of() : List.of(check.command(), check.interval(),
                check.timeout(), check.retries(),
                check.startPeriod() == null ? DEFAULT_HEALTH_CHECK_START_PERIOD : check.startPeriod()));
        fields.put("container.logConfiguration", container.logConfiguration() == null ? List.of() : List.of(
                container.logConfiguration().logDriverAsString(),
                new TreeMap<>(container.logConfiguration().options())));
        fields.put("container.command", container.command());
        fields.put("container.entryPoint", container.entryPoint());
        fields.put("container.mountPoints", container.mountPoints());
        fields.put("container.volumesFrom", container.volumesFrom());
    }

    private static String port(Integer containerPort, Integer hostPort, String protocol) {
        return containerPort + ":" + hostPort + "/" + protocol;
    }

    private static SortedMap<String, String> toMap(List<KeyValue> pairs) {
        SortedMap<String, String> map = new TreeMap<>();
        pairs.forEach(pair -> map.put(pair.name(), pair.value()));
        return map;
    }
}
