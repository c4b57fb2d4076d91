package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredTaskDefinition;
import dev.ecsapp.operator.desired.TaskDefinitionDiff;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The latest ACTIVE revision of a family and its tags, compared with the desired one by {@link TaskDefinitionDiff}. */
public record ObservedTaskDefinition(String arn, int revision, TaskDefinition definition, Map<String, String> tags) {

    public TaskDefinitionDiff diff(DesiredTaskDefinition desired) {
        return TaskDefinitionDiff.between(desired, definition, tags);
    }
}
