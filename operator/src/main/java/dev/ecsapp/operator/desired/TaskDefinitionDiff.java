package dev.ecsapp.operator.desired;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** How a registered task definition revision differs from the desired one, and what that costs. */
public record TaskDefinitionDiff(ChangeClass changeClass, SortedSet<String> changedPaths) {

    /**
     * Compares semantically: order of env, secrets and ports, and the values ECS fills in, make no difference; a
     * member the operator does not set counts when the revision has it (someone registered it by hand).
     */
    public static TaskDefinitionDiff between(DesiredTaskDefinition desired, TaskDefinition observed,
            Map<String, String> observedTags) {
        SortedMap<String, Object> wanted = TaskDefinitionFields.of(desired);
        SortedMap<String, Object> seen = TaskDefinitionFields.of(observed, observedTags);
        SortedSet<String> paths = new TreeSet<>(wanted.keySet());
        paths.addAll(seen.keySet());
        SortedSet<String> changed = new TreeSet<>();
        ChangeClass changeClass = ChangeClass.NONE;
        for (String path : paths) {
            if (!Objects.equals(wanted.get(path), seen.get(path))) {
                changed.add(path);
                changeClass = changeClass.max(classOf(path));
            }
        }
        return new TaskDefinitionDiff(changeClass, changed);
    }

    private static ChangeClass classOf(String path) {
        return switch (path) {
            // TagResource works on a revision's ARN; tags are no part of the revision's content.
            case TaskDefinitionFields.TAGS -> ChangeClass.IN_PLACE;
            // Another family is another resource: the service moves to a revision of the new family.
            case TaskDefinitionFields.FAMILY -> ChangeClass.REPLACE;
            default -> ChangeClass.NEW_REVISION;
        };
    }
}
