package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ObservedTargetGroup;
import dev.ecsapp.operator.aws.ServiceAdapter;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.ResourceNames;
import dev.ecsapp.operator.events.EventReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes what an app made and its spec no longer wants: the rule on a listener it left or on a load balancer it
 * dropped, a target group replaced for a new port, the service in a cluster it left. Each goes only when its owner
 * tag names the app, and a target group or service only once the app's current service has settled (one deployment,
 * complete), so that nothing still in use is pulled away. What cannot go yet stays in
 * {@code status.resources.retired} and is tried again at the next full convergence.
 */
final class Retirement {

    private final AppResources aws;

    Retirement(AppResources aws) {
        this.aws = aws;
    }

    /**
     * The ARNs the last status knew (its resources and what it still had to retire) that are no longer the app's
     * current ones. Task definitions are not among them: revisions are kept by count (see TaskDefinitionAdapter).
     */
    static List<String> candidates(AwsResources previous, AwsResources current) {
        if (previous == null) {
            return List.of();
        }
        Set<String> now = new LinkedHashSet<>();
        Stream.of(current.serviceArn(), current.targetGroupArn(), current.listenerRuleArn())
                .filter(Objects::nonNull).forEach(now::add);
        Set<String> candidates = new LinkedHashSet<>(previous.toRetire());
        Stream.of(previous.listenerRuleArn(), previous.targetGroupArn(), previous.serviceArn())
                .filter(Objects::nonNull).forEach(candidates::add);
        candidates.removeAll(now);
        return List.copyOf(candidates);
    }

    /**
     * Retires what it can; returns what must wait.
     *
     * @param settled the app's current service, when it has settled and this reconcile did not change it; empty
     *     while a rollout runs, when target groups and services of the app's past may still carry traffic
     */
    List<String> retire(AppIdentity app, List<String> arns, Optional<ObservedService> settled,
            List<Convergence.Change> changes) {
        List<String> waiting = new ArrayList<>();
        for (String arn : arns) {
            try {
                if (!retireOne(app, arn, settled, changes)) {
                    waiting.add(arn);
                }
            } catch (AwsCallException e) {
                if (e.failure().kind() != AwsFailure.Kind.WAITING) {
                    throw e;
                }
                waiting.add(arn); // ELBv2 still sees the group in use, or ECS still drains the service
            }
        }
        return List.copyOf(waiting);
    }

    /** True when the resource is gone (deleted now, already gone, or not the app's to delete). */
    private boolean retireOne(AppIdentity app, String arn, Optional<ObservedService> settled,
            List<Convergence.Change> changes) {
        if (arn.contains(":listener-rule/")) {
            if (aws.listenerRules().deleteOwned(arn, app)) {
                changes.add(new Convergence.Change(EventReason.Deleted, "deleted listener rule " + arn
                        + ", which the spec no longer wants"));
            }
            return true;
        }
        if (arn.contains(":targetgroup/")) {
            if (settled.isEmpty() || usedBy(settled.get(), arn)) {
                return false;
            }
            Optional<ObservedTargetGroup> group = aws.targetGroups().observeArn(arn);
            if (group.isPresent() && group.get().ownedBy(app)) {
                aws.targetGroups().delete(group.get());
                changes.add(new Convergence.Change(EventReason.Deleted, "deleted target group "
                        + group.get().shape().name() + ", which the spec no longer wants"));
            }
            return true;
        }
        if (arn.contains(":service/")) {
            if (settled.isEmpty()) {
                return false;
            }
            return retireService(app, arn, changes);
        }
        return true;
    }

    private boolean retireService(AppIdentity app, String arn, List<Convergence.Change> changes) {
        String cluster = Footprint.clusterOf(arn);
        if (cluster == null) {
            return true; // an ARN of the old format names no cluster; nothing can be found by it
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        Optional<ObservedService> service = aws.services().observe(cluster, name);
        if (service.isEmpty() || !service.get().ownedBy(app)) {
            return true;
        }
        String resourceId = new ResourceNames(app).scalableResourceId(cluster);
        if (aws.scaling().observe(resourceId).isPresent()) {
            aws.scaling().delete(resourceId); // before the service, or it raises the count again
        }
        if (!service.get().draining()) {
            changes.add(new Convergence.Change(EventReason.Deleted, "deleting ECS service " + name + " in cluster "
                    + cluster + ", which the spec no longer wants"));
        }
        return aws.services().delete(cluster, name) == ServiceAdapter.Deletion.GONE;
    }

    private static boolean usedBy(ObservedService service, String targetGroupArn) {
        return service.shape().loadBalancer() != null && targetGroupArn.contains(":targetgroup/"
                + service.shape().loadBalancer().targetGroupName() + "/");
    }
}
