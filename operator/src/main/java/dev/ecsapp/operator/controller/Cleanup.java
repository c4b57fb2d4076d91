package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.ObservedLogGroup;
import dev.ecsapp.operator.aws.ObservedRepository;
import dev.ecsapp.operator.aws.ObservedScaling;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ObservedTargetGroup;
import dev.ecsapp.operator.aws.ServiceAdapter;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.Ownership;
import dev.ecsapp.operator.desired.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes an app's AWS resources in dependency order: listener rules (traffic stops), autoscaling (or it raises the
 * count again), services (scaled to zero, deleted, gone only once ECS reports them INACTIVE), target groups, task
 * definition revisions, the log group, and the managed ECR repository last. It looks where the {@link Footprint}
 * says the app may have resources, by names from the app's identity, and deletes only what the owner tag says is the
 * app's: a resource of another app, or of nobody, under one of those names is left alone and reported. Every step
 * finds its resource again, so a cleanup interrupted anywhere simply runs again.
 */
final class Cleanup {

    /** Done, or still waiting for ECS to drain a service; what was deleted and what was left alone either way. */
    record Progress(boolean done, List<String> deleted, List<String> leftAlone) {
    }

    private final AppResources aws;

    Cleanup(AppResources aws) {
        this.aws = aws;
    }

    Progress delete(AppIdentity app, Footprint footprint) {
        ResourceNames names = new ResourceNames(app);
        List<String> deleted = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        for (String listener : footprint.listeners()) {
            if (aws.listenerRules().deleteIfListenerExists(listener, app)) {
                deleted.add("listener rule on " + listener);
            }
        }
        footprint.retired().stream().filter(arn -> arn.contains(":listener-rule/")).forEach(arn -> {
            if (aws.listenerRules().deleteOwned(arn, app)) {
                deleted.add("listener rule " + arn);
            }
        });

        boolean draining = false;
        Set<String> clusters = new LinkedHashSet<>(footprint.clusters());
        for (String cluster : clusters) {
            draining |= deleteService(app, names, cluster, deleted, leftAlone);
        }
        if (draining) {
            return new Progress(false, deleted, leftAlone);
        }

        Set<String> groups = new LinkedHashSet<>(List.of(names.targetGroupName(), names.replacementTargetGroupName()));
        for (String name : groups) {
            Optional<ObservedTargetGroup> group = aws.targetGroups().observe(name);
            if (group.isPresent()) {
                deleteIfOwned("target group " + name, group.get().ownedBy(app), group.get().shape().tags(),
                        () -> aws.targetGroups().delete(group.get()), deleted, leftAlone);
            }
        }
        footprint.retired().stream().filter(arn -> arn.contains(":targetgroup/")).forEach(arn ->
                aws.targetGroups().observeArn(arn).filter(group -> group.ownedBy(app)).ifPresent(group -> {
                    aws.targetGroups().delete(group);
                    deleted.add("target group " + group.shape().name());
                }));

        List<String> revisions = aws.taskDefinitions().deregisterOwned(names.family(), app, 0, Set.of());
        if (!revisions.isEmpty()) {
            deleted.add(revisions.size() + " task definition revision(s)");
        }

        Optional<ObservedLogGroup> logGroup = aws.logGroups().observe(names.logGroupName());
        if (logGroup.isPresent()) {
            deleteIfOwned("log group " + names.logGroupName(), Ownership.ownedBy(app,
                    logGroup.get().shape().tags()), logGroup.get().shape().tags(),
                    () -> aws.logGroups().delete(names.logGroupName()), deleted, leftAlone);
        }
        for (String repository : footprint.repositories()) {
            Optional<ObservedRepository> found = aws.repositories().observe(repository);
            if (found.isPresent()) {
                deleteIfOwned("ECR repository " + repository, Ownership.ownedBy(app,
                        found.get().shape().tags()), found.get().shape().tags(),
                        () -> aws.repositories().delete(repository), deleted, leftAlone);
            }
        }
        return new Progress(true, deleted, leftAlone);
    }

    /** Deletes the app's service in the cluster and its scaling; true while ECS still drains it. */
    private boolean deleteService(AppIdentity app, ResourceNames names, String cluster, List<String> deleted,
            List<String> leftAlone) {
        Optional<ObservedService> service = serviceIn(cluster, names.serviceName());
        if (service.isPresent() && !service.get().ownedBy(app)) {
            leftAlone.add(describe("ECS service " + names.serviceName() + " in cluster " + cluster,
                    service.get().shape().tags()));
            return false; // its scaling is the other owner's as much as the service is
        }
        String resourceId = names.scalableResourceId(cluster);
        Optional<ObservedScaling> scaling = aws.scaling().observe(resourceId);
        // With the service present and the app's, its scalable target is too; without it the target's own tags say.
        if (scaling.isPresent() && (service.isPresent() || aws.scaling().ownedBy(scaling.get(), app))
                && aws.scaling().delete(resourceId)) {
            deleted.add("autoscaling of " + resourceId);
        }
        if (service.isEmpty()) {
            return false;
        }
        if (!service.get().draining()) {
            deleted.add("ECS service " + names.serviceName() + " in cluster " + cluster);
        }
        return aws.services().delete(cluster, names.serviceName()) == ServiceAdapter.Deletion.DRAINING;
    }

    /** The service, or empty when it or its whole cluster is gone (an invalid spec may name a cluster never made). */
    private Optional<ObservedService> serviceIn(String cluster, String name) {
        try {
            return aws.services().observe(cluster, name);
        } catch (AwsCallException e) {
            if ("ClusterNotFoundException".equals(e.failure().code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void deleteIfOwned(String what, boolean owned, java.util.Map<String, String> tags,
            Runnable delete, List<String> deleted, List<String> leftAlone) {
        if (owned) {
            delete.run();
            deleted.add(what);
        } else {
            leftAlone.add(describe(what, tags));
        }
    }

    private static String describe(String what, java.util.Map<String, String> tags) {
        return what + " (" + Ownership.ownerOf(tags).map(owner -> "owned by " + owner)
                .orElse("not made by the operator") + ")";
    }
}
