package dev.ecsapp.sandbox.aws.ecs;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * Where the awslogs driver sends a container's lines: the {@code awslogs-group}, and the stream
 * {@code awslogs-stream-prefix/container-name/task-id}, as ECS names Fargate's streams.
 */
record LogDestination(String group, String stream) {

    static Optional<LogDestination> of(ContainerDefinition container, String taskId) {
        if (container.logConfiguration() == null
                || !"awslogs".equals(container.logConfiguration().logDriverAsString())) {
            return Optional.empty();
        }
        Map<String, String> options = container.logConfiguration().options();
        String group = options.get("awslogs-group");
        if (group == null) {
            return Optional.empty();
        }
        String prefix = options.get("awslogs-stream-prefix");
        String stream = prefix == null ? taskId : prefix + "/" + container.name() + "/" + taskId;
        return Optional.of(new LogDestination(group, stream));
    }
}
