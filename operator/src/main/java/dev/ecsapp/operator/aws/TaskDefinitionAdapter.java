package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredContainer;
import dev.ecsapp.operator.desired.DesiredHealthCheck;
import dev.ecsapp.operator.desired.DesiredTaskDefinition;
import dev.ecsapp.operator.desired.TaskDefinitionDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

// Revisions are immutable and RegisterTaskDefinition has no client token: every call makes a new revision (and is
// throttled to 1 a second after a burst of 20), so a revision is registered only when TaskDefinitionDiff asks for one.
/** ECS task definitions: observe the family's latest ACTIVE revision, register, retag, deregister. */
public final class TaskDefinitionAdapter {

    private final EcsClient ecs;

    public TaskDefinitionAdapter(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** The latest ACTIVE revision of the family with its tags, or empty when the family has none. */
    public Optional<ObservedTaskDefinition> observe(String family) {
        // DescribeTaskDefinition answers a missing family with a ClientException, indistinguishable by code from a
        // bad request, so the family's revisions are listed first.
        Optional<String> latest = activeRevisions(family).stream().reduce((first, second) -> second);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        DescribeTaskDefinitionResponse response = AwsErrors.call("DescribeTaskDefinition", () ->
                ecs.describeTaskDefinition(r -> r.taskDefinition(latest.get()).include(TaskDefinitionField.TAGS)));
        Map<String, String> tags = new TreeMap<>();
        response.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return Optional.of(new ObservedTaskDefinition(response.taskDefinition().taskDefinitionArn(),
                response.taskDefinition().revision(), response.taskDefinition(), tags));
    }

    /** Registers a revision of the desired content; returns its ARN. */
    public String create(DesiredTaskDefinition desired) {
        return AwsErrors.call("RegisterTaskDefinition", () -> ecs.registerTaskDefinition(request(desired)))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * Makes the family's latest revision the desired one: nothing when it already is, retags when only tags differ,
     * registers a new revision otherwise. Returns the ARN of the revision the service should run.
     */
    public String update(DesiredTaskDefinition desired, ObservedTaskDefinition observed) {
        TaskDefinitionDiff diff = observed.diff(desired);
        return switch (diff.changeClass()) {
            case NONE -> observed.arn();
            case IN_PLACE -> {
                retag(observed.arn(), TagChanges.between(desired.tags(), observed.tags()));
                yield observed.arn();
            }
            case NEW_REVISION, REPLACE -> create(desired);
        };
    }

    /**
     * Deregisters the family's ACTIVE revisions that this app made (by their owner tag), but the newest {@code keep}
     * and those in {@code inUse} (what the service's deployments run, a rollback's target among them); returns their
     * ARNs. With keep 0 and nothing in use it deregisters all of the app's revisions, as deleting the app does.
     * Revisions the app did not make are left alone whatever their age.
     */
    public List<String> deregisterOwned(String family, dev.ecsapp.operator.desired.AppIdentity app, int keep,
            java.util.Set<String> inUse) {
        List<String> active = activeRevisions(family);
        List<String> candidates = active.subList(0, Math.max(0, active.size() - keep)).stream()
                .filter(arn -> !inUse.contains(arn)).toList();
        List<String> deregistered = new ArrayList<>();
        for (String arn : candidates) {
            Map<String, String> tags = new TreeMap<>();
            AwsErrors.call("DescribeTaskDefinition", () -> ecs.describeTaskDefinition(r -> r.taskDefinition(arn)
                    .include(TaskDefinitionField.TAGS))).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            if (dev.ecsapp.operator.desired.Ownership.ownedBy(app, tags)) {
                AwsErrors.find("DeregisterTaskDefinition", () -> ecs.deregisterTaskDefinition(r -> r
                        .taskDefinition(arn)));
                deregistered.add(arn);
            }
        }
        return deregistered;
    }

    /** ARNs of the family's ACTIVE revisions, oldest first. */
    public List<String> activeRevisions(String family) {
        List<String> arns = new ArrayList<>();
        // familyPrefix is a prefix: shop_a also lists shop_ab, so only exact family matches are kept.
        AwsErrors.call("ListTaskDefinitions", () -> ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family)
                .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.ASC)).taskDefinitionArns().stream()
                .filter(arn -> familyOf(arn).equals(family))
                .toList()).forEach(arns::add);
        arns.sort(Comparator.comparingInt(TaskDefinitionAdapter::revisionOf));
        return arns;
    }

    private void retag(String arn, TagChanges changes) {
        if (!changes.toSet().isEmpty()) {
            AwsErrors.call("TagResource", () -> ecs.tagResource(r -> r.resourceArn(arn).tags(tags(changes.toSet()))));
        }
        if (!changes.toRemove().isEmpty()) {
            AwsErrors.call("UntagResource", () -> ecs.untagResource(r -> r.resourceArn(arn)
                    .tagKeys(changes.toRemove())));
        }
    }

    static RegisterTaskDefinitionRequest request(DesiredTaskDefinition desired) {
        return RegisterTaskDefinitionRequest.builder()
                .family(desired.family())
                .cpu(desired.cpu())
                .memory(desired.memory())
                .networkMode(DesiredTaskDefinition.NETWORK_MODE)
                .requiresCompatibilitiesWithStrings(DesiredTaskDefinition.COMPATIBILITY)
                .executionRoleArn(desired.executionRoleArn())
                .taskRoleArn(desired.taskRoleArn())
                .containerDefinitions(container(desired.container()))
                .tags(tags(desired.tags()))
                .build();
    }

    private static ContainerDefinition container(DesiredContainer container) {
        ContainerDefinition.Builder builder = ContainerDefinition.builder()
                .name(container.name())
                .image(container.image())
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(container.containerPort())
                        .hostPort(container.containerPort()).protocol("tcp").build())
                .environment(container.environment().stream()
                        .map(pair -> KeyValuePair.builder().name(pair.name()).value(pair.value()).build()).toList())
                .secrets(container.secrets().stream()
                        .map(pair -> Secret.builder().name(pair.name()).valueFrom(pair.value()).build()).toList())
                .logConfiguration(LogConfiguration.builder().logDriver(DesiredContainer.LOG_DRIVER)
                        .options(container.logOptions()).build());
        DesiredHealthCheck check = container.healthCheck();
        if (check != null) {
            builder.healthCheck(HealthCheck.builder().command(check.command()).interval(check.interval())
                    .timeout(check.timeout()).retries(check.retries()).startPeriod(check.startPeriod()).build());
        }
        return builder.build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String familyOf(String arn) {
        String name = arn.substring(arn.indexOf("task-definition/") + "task-definition/".length());
        return name.substring(0, name.lastIndexOf(':'));
    }

    private static int revisionOf(String arn) {
        return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
    }
}
