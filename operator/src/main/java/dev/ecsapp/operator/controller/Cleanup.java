package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.aws.ServiceAdapter;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredState;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes an app's AWS resources in dependency order: listener rule (traffic stops), autoscaling (or it raises the
 * count again), service (scaled to zero, deleted, gone only once ECS reports it INACTIVE), target group, task
 * definition revisions, log group, and the ECR repository last. Every step finds its resource again by name or tag,
 * so a cleanup interrupted anywhere simply runs again.
 */
final class Cleanup {

    /** Done, or still waiting for ECS to drain the service; what was deleted either way. */
    record Progress(boolean done, List<String> deleted) {
    }

    private final AppResources aws;

    Cleanup(AppResources aws) {
        this.aws = aws;
    }

    Progress delete(AppIdentity app, DesiredState desired) {
        List<String> deleted = new ArrayList<>();
        desired.listenerRule().ifPresent(rule -> {
            if (aws.listenerRules().delete(rule.listenerArn(), app)) {
                deleted.add("listener rule");
            }
        });
        String resourceId = "service/" + desired.service().cluster() + "/" + desired.service().name();
        if (aws.scaling().observe(resourceId).isPresent() && aws.scaling().delete(resourceId)) {
            deleted.add("autoscaling");
        }
        ServiceAdapter.Deletion service = aws.services().delete(desired.service().cluster(), desired.service().name());
        if (service == ServiceAdapter.Deletion.DRAINING) {
            return new Progress(false, deleted);
        }
        desired.targetGroup().ifPresent(group -> {
            if (aws.targetGroups().delete(group.name())) {
                deleted.add("target group " + group.name());
            }
        });
        List<String> revisions = aws.taskDefinitions().delete(desired.taskDefinition().family());
        if (!revisions.isEmpty()) {
            deleted.add(revisions.size() + " task definition revision(s)");
        }
        if (aws.logGroups().delete(desired.logGroup().name())) {
            deleted.add("log group " + desired.logGroup().name());
        }
        desired.repository().ifPresent(repository -> {
            if (aws.repositories().delete(repository.name())) {
                deleted.add("ECR repository " + repository.name());
            }
        });
        return new Progress(true, deleted);
    }
}
