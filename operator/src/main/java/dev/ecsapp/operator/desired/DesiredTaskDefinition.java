package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.api.v1alpha1.EnvVar;
import dev.ecsapp.operator.api.v1alpha1.SecretRef;
import dev.ecsapp.awsfacts.FargateSizes;
import dev.ecsapp.operator.aws.ImageReference;
import dev.ecsapp.operator.validation.EcsAppValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Fargate task definition revision: task size, roles and the app's container. */
public record DesiredTaskDefinition(
        String family,
        String cpu,
        String memory,
        String executionRoleArn,
        String taskRoleArn,
        DesiredContainer container,
        Map<String, String> tags) {

    public static final String NETWORK_MODE = "awsvpc";
    public static final String COMPATIBILITY = "FARGATE";

    public static DesiredTaskDefinition of(AppInput input) {
        EcsAppSpec spec = input.spec();
        ResourceNames names = input.names();
        DesiredContainer container = new DesiredContainer(
                names.containerName(),
                spec.image(),
                spec.containerPort(),
                environment(spec),
                secrets(spec),
                spec.healthCheck() == null ? null : DesiredHealthCheck.of(spec.healthCheck()),
                logOptions(input));
        // ECS answers with units and MiB whatever form it was given, so the desired state uses them too.
        return new DesiredTaskDefinition(
                names.family(),
                String.valueOf(FargateSizes.cpuUnits(spec.cpuText()).orElseThrow()),
                String.valueOf(FargateSizes.memoryMib(spec.memoryText()).orElseThrow()),
                input.settings().executionRoleArn(),
                input.settings().taskRoleArn(),
                container,
                input.tags());
    }

    private static List<KeyValue> environment(EcsAppSpec spec) {
        List<KeyValue> environment = new ArrayList<>();
        for (EnvVar variable : spec.env()) {
            environment.add(new KeyValue(variable.name(), variable.value()));
        }
        environment.add(new KeyValue(EcsAppValidator.APP_VERSION, ImageReference.parse(spec.image()).version()));
        environment.sort(Comparator.comparing(KeyValue::name));
        return List.copyOf(environment);
    }

    private static List<KeyValue> secrets(EcsAppSpec spec) {
        return spec.secrets().stream()
                .map((SecretRef secret) -> new KeyValue(secret.name(), secret.valueFrom()))
                .sorted(Comparator.comparing(KeyValue::name))
                .toList();
    }

    private static Map<String, String> logOptions(AppInput input) {
        Map<String, String> options = new TreeMap<>();
        options.put("awslogs-group", input.names().logGroupName());
        options.put("awslogs-region", input.settings().region());
        // Streams are named <prefix>/<container>/<task id>, so the task id of a log line can be read off its stream.
        options.put("awslogs-stream-prefix", "ecs");
        return Collections.unmodifiableMap(options);
    }
}
