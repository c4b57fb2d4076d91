package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.aws.ObservedTargetGroup;
import dev.ecsapp.operator.aws.ServiceShapes;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredTargetGroup;
import dev.ecsapp.operator.desired.ResourceNames;
import dev.ecsapp.operator.events.EventReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The target group step of a full convergence: found, checked for its owner, updated in place or replaced. */
final class TargetGroupStep {

    private final AppResources aws;
    /** Listener ARN to its load balancer's VPC, where the app's target group goes: a fact that never changes. */
    private final Map<String, String> listenerVpc = new ConcurrentHashMap<>();

    TargetGroupStep(AppResources aws) {
        this.aws = aws;
    }

    /** The app's target group as this reconcile uses it: its ARN and which of its two names it has. */
    record InUse(String arn, String name, Optional<String> replacing) {
    }

    /**
     * Port, protocol and target type cannot change in place: a group with the old ones is replaced by a new group
     * under the app's other name (see ResourceNames#replacementTargetGroupName), the rule and the service move to
     * it, and the old one is retired once the service no longer uses it. The name the status says is in use is
     * looked at first, so a steady app costs one read as before.
     */
    InUse converge(AppIdentity app, DesiredTargetGroup wanted, String listenerArn, AwsResources previous,
            List<String> extraRetired, List<Convergence.Change> changes, IntentLog intents) {
        ResourceNames names = new ResourceNames(app);
        List<String> slots = new ArrayList<>(List.of(names.targetGroupName(), names.replacementTargetGroupName()));
        String lastUsed = previous == null || previous.targetGroupArn() == null ? null
                : ServiceShapes.targetGroupName(previous.targetGroupArn());
        if (slots.get(1).equals(lastUsed)) {
            Collections.reverse(slots);
        }
        Optional<ObservedTargetGroup> replaced = Optional.empty();
        for (String name : slots) {
            Optional<ObservedTargetGroup> observed = aws.targetGroups().observe(name);
            if (observed.isEmpty()) {
                continue;
            }
            OwnerCheck.requireOwned(app, "the target group " + name, observed.get().shape().tags(),
                    OwnerCheck.handOver(app));
            DesiredTargetGroup named = wanted.named(name);
            if (!observed.get().needsReplacementFor(named)) {
                aws.targetGroups().update(named, observed.get());
                return new InUse(observed.get().arn(), name, replaced.map(ObservedTargetGroup::arn));
            }
            if (replaced.isEmpty()) {
                replaced = observed;
            } else {
                // Both names hold groups of an older port (a second change before the first replacement was
                // retired): the one not carrying the traffic goes now, to free its name.
                aws.targetGroups().delete(observed.get());
            }
            extraRetired.add(observed.get().arn());
        }
        String free = replaced.map(old -> old.shape().name().equals(slots.get(0)) ? slots.get(1) : slots.get(0))
                .orElse(slots.get(0));
        String vpc = listenerVpc.computeIfAbsent(listenerArn, aws.targetGroups()::vpcOfListener);
        intents.announce("CreateTargetGroup");
        String arn = aws.targetGroups().create(wanted.named(free), vpc);
        changes.add(new Convergence.Change(EventReason.Created, "created target group " + free
                + replaced.map(old -> " to replace " + old.shape().name() + " (port, protocol or target type changed)")
                        .orElse("")));
        return new InUse(arn, free, replaced.map(ObservedTargetGroup::arn));
    }
}
