package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ListenerRuleAdapter;
import dev.ecsapp.operator.aws.ObservedListenerRule;
import dev.ecsapp.operator.aws.ServiceShapes;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredListenerRule;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps;
import dev.ecsapp.operator.desired.ListenerRulePriorities;
import dev.ecsapp.operator.events.EventReason;
import dev.ecsapp.operator.validation.ListenerRuleAccess;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The listener rule step of a full convergence, in two parts: a check before any write (namespace limits, the
 * priority by specificity, overlaps with other apps' rules) and the write itself (create, or modify what differs,
 * with the weight-0 standby group while a replaced target group hands over).
 */
final class ListenerRuleStep {

    /** The app's rule as the check step left it: what it is on the listener now, and the priority it gets. */
    record Plan(DesiredListenerRule rule, Optional<ObservedListenerRule> observed, int priority) {
    }


    private final AppResources aws;
    private final ListenerRulePolicy listenerRules;

    ListenerRuleStep(AppResources aws, ListenerRulePolicy listenerRules) {
        this.aws = aws;
        this.listenerRules = listenerRules;
    }

    /**
     * The check step, reads only: the operator's limits on priorities and hosts, then the listener's rules (read once
     * a reconcile, as before), the priority chosen, and the overlaps with other apps' rules. Every refusal is
     * terminal: only a change of this spec, of the other app's or of the operator's settings helps.
     */
    Plan check(AppIdentity app, DesiredListenerRule rule) {
        List<ListenerRuleAccess.Refusal> refusals = ListenerRuleAccess.check(listenerRules, app.namespace(),
                rule.requestedPriority(), rule.asWritten().hosts());
        if (!refusals.isEmpty()) {
            throw refused(refusals.get(0).code(), Conditions.REASON_NOT_ALLOWED, refusals.stream().map(ListenerRuleAccess.Refusal::message)
                    .collect(Collectors.joining("; ")));
        }
        ListenerRuleAdapter.RulesOnListener onListener = aws.listenerRules().onListener(rule.listenerArn(), app);
        Optional<ObservedListenerRule> observed = onListener.own();
        ListenerRulePriorities.Allocation allocation = ListenerRulePriorities.allocate(
                rule.requestedPriority() == null ? OptionalInt.empty() : OptionalInt.of(rule.requestedPriority()),
                observed.map(o -> OptionalInt.of(o.priority())).orElse(OptionalInt.empty()),
                onListener.takenByOthers(), app, rule.conditions());
        // Java 17: no pattern switch, so instanceof in turn.
        if (allocation instanceof ListenerRulePriorities.Taken taken) {
            throw refused("PriorityInUse", Conditions.REASON_PRIORITY_TAKEN, "spec.loadBalancer.priority " + taken.priority() + " is taken by another "
                    + "rule on the listener: choose another, or leave it out to get one");
        }
        if (allocation instanceof ListenerRulePriorities.Exhausted exhausted) {
            throw refused("TooManyRules", Conditions.REASON_AWS_REJECTED, "the listener has no free priority left for rules as specific as this one "
                    + "(" + exhausted.band().first() + " to " + exhausted.band().last() + "): set "
                    + "spec.loadBalancer.priority, or move apps to another listener");
        }
        int priority = ((ListenerRulePriorities.Allocated) allocation).priority();
        ListenerRuleOverlaps.find(rule.asWritten(), priority, rule.requestedPriority() == null, onListener.others())
                .ifPresent(overlap -> {
                    throw refused("RuleOverlap", Conditions.REASON_RULE_OVERLAP, overlap.message());
                });
        return new Plan(rule, observed, priority);
    }

    private static AwsCallException refused(String code, String conditionReason, String message) {
        return new AwsCallException("CreateRule", AwsFailure.refusal(code, conditionReason, message), null);
    }

    String converge(Plan plan, TargetGroupStep.InUse group, List<Convergence.Change> changes, IntentLog intents) {
        int priority = plan.priority();
        String targetGroupArn = group.arn();
        DesiredListenerRule rule = plan.rule().forwardingTo(group.name());
        if (plan.observed().isEmpty()) {
            intents.announce("CreateRule");
            String arn = aws.listenerRules().create(rule, priority, targetGroupArn);
            changes.add(new Convergence.Change(EventReason.Created, "created listener rule at priority " + priority));
            return arn;
        }
        ObservedListenerRule observed = plan.observed().get();
        Optional<String> standby = Optional.empty();
        if (group.replacing().isPresent() && observed.forwardsTo().contains(group.replacing().get())
                && aws.rollouts().targetHealth(group.arn()).healthy() == 0) {
            // While the replacement group has no healthy target, requests keep going to the group whose tasks still
            // serve, and the new one stands by at weight 0 (ECS takes a group for a service only once a listener
            // names it). They move at the first look that finds a new target healthy, before ECS stops old tasks.
            rule = plan.rule().forwardingTo(nameOf(group.replacing().get()));
            targetGroupArn = group.replacing().get();
            standby = Optional.of(group.arn());
        }
        if (!aws.listenerRules().update(rule, observed, priority, targetGroupArn, standby).isEmpty()) {
            changes.add(new Convergence.Change(EventReason.Updated, "updated listener rule at priority " + priority
                    + (observed.priority() == priority ? "" : " (was " + observed.priority() + ")")));
        }
        return observed.arn();
    }

    private static String nameOf(String targetGroupArn) {
        return ServiceShapes.targetGroupName(targetGroupArn);
    }
}
