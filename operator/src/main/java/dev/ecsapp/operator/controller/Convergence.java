package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ClientTokens;
import dev.ecsapp.operator.aws.ListenerRuleAdapter;
import dev.ecsapp.operator.aws.ObservedListenerRule;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ObservedTaskDefinition;
import dev.ecsapp.operator.aws.ServiceChanges;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.ChangeClass;
import dev.ecsapp.operator.desired.DesiredListenerRule;
import dev.ecsapp.operator.desired.DesiredScaling;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps;
import dev.ecsapp.operator.desired.ListenerRulePriorities;
import dev.ecsapp.operator.events.EventReason;
import dev.ecsapp.operator.status.RolloutObservation;
import dev.ecsapp.operator.validation.ListenerRuleAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The act phase of one reconcile: a check of the listener rule first (reads only: who may set its priority and
 * hosts, and its overlaps with other apps' rules), then for each AWS resource kind in dependency order (repository,
 * log group, target group, listener rule, task definition, service, scaling), observe it, compare it with the
 * desired state, and make only the call the difference needs. Nothing is created twice: every resource is found
 * again by its deterministic name or ownership tag, a task definition is registered only when its content changed,
 * and CreateService carries a client token.
 */
final class Convergence {

    /** What one convergence did and saw. */
    record Result(String taskDefinitionArn, Optional<RolloutObservation> observation, List<Change> changes,
            Made made) {
    }

    /** What a full convergence left in AWS, for the rollout's cheap looks that follow it. */
    record Made(AwsResources resources, String url, String repositoryUri) {
    }

    /** A change worth an Event. */
    record Change(EventReason reason, String message) {
    }

    /** The app's rule as the check step left it: what it is on the listener now, and the priority it gets. */
    private record RulePlan(DesiredListenerRule rule, Optional<ObservedListenerRule> observed, int priority) {
    }

    /** While a rollout is followed cheaply, a full convergence still comes this often. */
    private static final Duration ROLLOUT_FULL_LOOK = Duration.ofMinutes(5);

    /** The spec a full convergence made AWS match, what it made, and when. */
    private record Converged(String specHash, long generation, Instant at, Made made) {
    }

    private final AppResources aws;
    private final ListenerRulePolicy listenerRules;
    private final Clock clock;
    /**
     * Per app (owner), the last full convergence: until the app is Ready or its spec changes, a reconcile only
     * follows the rollout that convergence started instead of reading every resource kind again.
     */
    private final Map<String, Converged> converged = new ConcurrentHashMap<>();
    /** Listener ARN to its load balancer's DNS name: a fact that never changes, so read once, not per reconcile. */
    private final Map<String, String> loadBalancerDns = new ConcurrentHashMap<>();
    /** Listener ARN to its load balancer's VPC, where the app's target group goes: as fixed as the DNS name. */
    private final Map<String, String> listenerVpc = new ConcurrentHashMap<>();

    Convergence(AppResources aws, ListenerRulePolicy listenerRules, Clock clock) {
        this.aws = aws;
        this.listenerRules = listenerRules;
        this.clock = clock;
    }

    /**
     * Follows the rollout when the last full convergence was for this very spec and the app is not Ready yet (a full
     * one at least every {@link #ROLLOUT_FULL_LOOK} in case it is stuck on something else); converges fully
     * otherwise. Once Ready every reconcile is a full one (the timer's every full-resync, and the Ready check's
     * when the service moved): drift is looked for there.
     *
     * @param stoppedRevision the revision an earlier reconcile saw the deployment circuit breaker stop (the status
     *     is the memory of it once ECS has dropped the failed deployment); it is not rolled out again
     * @throws AwsCallException for a call that failed; its kind tells terminal from transient from waiting
     */
    Result converge(AppIdentity app, long generation, String specHash, boolean ready, DesiredState desired,
            Optional<String> stoppedRevision, IntentLog intents) {
        Converged last = converged.get(app.owner());
        if (last != null && !ready && last.specHash().equals(specHash) && last.generation() == generation
                && Duration.between(last.at(), clock.instant()).compareTo(ROLLOUT_FULL_LOOK) < 0) {
            Optional<Result> followed = followRollout(desired, last.made());
            if (followed.isPresent()) {
                return followed.get();
            }
        }
        Result result = convergeFully(app, generation, desired, stoppedRevision, intents);
        converged.put(app.owner(), new Converged(specHash, generation, clock.instant(), result.made()));
        return result;
    }

    /** The app is gone: nothing of it to remember. */
    void forget(AppIdentity app) {
        converged.remove(app.owner());
    }

    private Result convergeFully(AppIdentity app, long generation, DesiredState desired,
            Optional<String> stoppedRevision, IntentLog intents) {
        // A refused rule must leave nothing of the app in AWS, not even its repository: check before the first write.
        Optional<RulePlan> rulePlan = desired.listenerRule().map(rule -> checkRule(app, rule));
        List<Change> changes = new ArrayList<>();
        String repositoryUri = desired.repository().map(repository -> aws.repositories().observe(repository.name())
                .map(observed -> {
                    aws.repositories().update(repository, observed);
                    return observed.uri();
                }).orElseGet(() -> {
                    intents.announce("CreateRepository");
                    String uri = aws.repositories().create(repository);
                    changes.add(new Change(EventReason.Created, "created ECR repository " + repository.name()));
                    return uri;
                })).orElse(null);

        String logGroupArn = aws.logGroups().observe(desired.logGroup().name()).map(observed -> {
            aws.logGroups().update(desired.logGroup(), observed);
            return observed.arn();
        }).orElseGet(() -> {
            intents.announce("CreateLogGroup");
            String arn = aws.logGroups().create(desired.logGroup());
            changes.add(new Change(EventReason.Created, "created log group " + desired.logGroup().name()));
            return arn;
        });

        String targetGroupArn = desired.targetGroup().map(group -> aws.targetGroups().observe(group.name())
                .map(observed -> {
                    aws.targetGroups().update(group, observed);
                    return observed.arn();
                }).orElseGet(() -> {
                    String vpc = listenerVpc.computeIfAbsent(desired.listenerRule().orElseThrow().listenerArn(),
                            aws.targetGroups()::vpcOfListener);
                    intents.announce("CreateTargetGroup");
                    String arn = aws.targetGroups().create(group, vpc);
                    changes.add(new Change(EventReason.Created, "created target group " + group.name()));
                    return arn;
                })).orElse(null);

        String ruleArn = rulePlan.map(plan -> converge(plan, targetGroupArn, changes, intents)).orElse(null);

        String taskDefinitionArn = convergeTaskDefinition(desired, changes, intents);

        String cluster = desired.service().cluster();
        Optional<ObservedService> service = aws.services().observe(cluster, desired.service().name());
        String serviceArn;
        if (service.isEmpty()) {
            intents.announce("CreateService");
            serviceArn = aws.services().create(desired.service(), taskDefinitionArn, targetGroupArn,
                    ClientTokens.createService(app, generation));
            changes.add(new Change(EventReason.Created, "created ECS service " + desired.service().name()
                    + " on " + revision(taskDefinitionArn)));
        } else if (service.get().draining()) {
            throw new AwsCallException("UpdateService", new AwsFailure(AwsFailure.Kind.WAITING,
                    "ServiceDraining", "the service " + desired.service().name() + " is being deleted; it will be "
                    + "created again once ECS has drained it"), null);
        } else {
            serviceArn = service.get().arn();
            String revisionToRun = taskDefinitionArn;
            if (service.get().stopped(taskDefinitionArn) || stoppedRevision.filter(taskDefinitionArn::equals)
                    .isPresent()) {
                // The circuit breaker stopped this very revision (and rolled back, if on). Deploying it again would
                // fail again, and with rollback it would loop for ever: keep what runs until the spec changes and
                // registers a new revision. The status says Degraded and names the stopped revision meanwhile.
                revisionToRun = service.get().taskDefinitionArn();
            }
            if (!ServiceChanges.between(desired.service(), revisionToRun, service.get()).none()) {
                intents.announce("UpdateService");
            }
            var changed = aws.services().update(desired.service(), service.get(), revisionToRun, targetGroupArn)
                    .paths();
            if (!changed.isEmpty()) {
                changes.add(new Change(EventReason.Updated, "updated ECS service " + desired.service().name() + ": "
                        + String.join(", ", changed)));
            }
        }

        String scalingId = convergeScaling(desired, desired.scaling(), targetGroupArn, changes, intents);

        Made made = new Made(new AwsResources(taskDefinitionArn, serviceArn, targetGroupArn, ruleArn, logGroupArn,
                scalingId), url(desired), repositoryUri);
        return new Result(taskDefinitionArn, lookAtRollout(desired, made), changes, made);
    }

    /**
     * The cheap look while a rollout the last full convergence started runs its course: the service (usually from a
     * DescribeServices another reconcile made) and, once the rollout is done, its targets. Empty when anything about
     * the service is not as that convergence left it (a field drifted, ECS rolled back, the service went): then only
     * a full convergence will do.
     */
    private Optional<Result> followRollout(DesiredState desired, Made made) {
        String taskDefinitionArn = made.resources().taskDefinitionArn();
        Optional<ObservedService> service = aws.services().observe(desired.service().cluster(),
                desired.service().name());
        if (service.isEmpty() || service.get().draining() || !ServiceChanges.between(desired.service(),
                taskDefinitionArn, service.get()).none()) {
            return Optional.empty();
        }
        return lookAtRollout(desired, made).map(observation -> new Result(taskDefinitionArn,
                Optional.of(observation), List.of(), made));
    }

    private Optional<RolloutObservation> lookAtRollout(DesiredState desired, Made made) {
        return aws.rollouts().observe(desired.service().cluster(), desired.service().name(),
                Optional.ofNullable(made.resources().targetGroupArn()), desired.taskDefinition().container().image(),
                made.url(), made.repositoryUri(), made.resources());
    }

    private String convergeTaskDefinition(DesiredState desired, List<Change> changes, IntentLog intents) {
        Optional<ObservedTaskDefinition> observed = aws.taskDefinitions().observe(desired.taskDefinition().family());
        if (observed.isEmpty()) {
            intents.announce("RegisterTaskDefinition");
            String arn = aws.taskDefinitions().create(desired.taskDefinition());
            changes.add(new Change(EventReason.RolloutStarted, "registered task definition " + revision(arn)));
            return arn;
        }
        if (observed.get().diff(desired.taskDefinition()).changeClass() == ChangeClass.NONE) {
            return observed.get().arn();
        }
        intents.announce("RegisterTaskDefinition");
        String arn = aws.taskDefinitions().update(desired.taskDefinition(), observed.get());
        changes.add(new Change(EventReason.RolloutStarted, "registered task definition " + revision(arn)
                + " and rolling it out"));
        return arn;
    }

    /**
     * The check step, reads only: the operator's limits on priorities and hosts, then the listener's rules (read once
     * a reconcile, as before), the priority chosen, and the overlaps with other apps' rules. Every refusal is
     * terminal: only a change of this spec, of the other app's or of the operator's settings helps.
     */
    private RulePlan checkRule(AppIdentity app, DesiredListenerRule rule) {
        List<ListenerRuleAccess.Refusal> refusals = ListenerRuleAccess.check(listenerRules, app.namespace(),
                rule.requestedPriority(), rule.asWritten().hosts());
        if (!refusals.isEmpty()) {
            throw refused(refusals.get(0).code(), refusals.stream().map(ListenerRuleAccess.Refusal::message)
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
            throw refused("PriorityInUse", "spec.loadBalancer.priority " + taken.priority() + " is taken by another "
                    + "rule on the listener: choose another, or leave it out to get one");
        }
        if (allocation instanceof ListenerRulePriorities.Exhausted exhausted) {
            throw refused("TooManyRules", "the listener has no free priority left for rules as specific as this one "
                    + "(" + exhausted.band().first() + " to " + exhausted.band().last() + "): set "
                    + "spec.loadBalancer.priority, or move apps to another listener");
        }
        int priority = ((ListenerRulePriorities.Allocated) allocation).priority();
        ListenerRuleOverlaps.find(rule.asWritten(), priority, rule.requestedPriority() == null, onListener.others())
                .ifPresent(overlap -> {
                    throw refused("RuleOverlap", overlap.message());
                });
        return new RulePlan(rule, observed, priority);
    }

    private static AwsCallException refused(String code, String message) {
        return new AwsCallException("CreateRule", new AwsFailure(AwsFailure.Kind.TERMINAL, code, message), null);
    }

    private String converge(RulePlan plan, String targetGroupArn, List<Change> changes, IntentLog intents) {
        int priority = plan.priority();
        if (plan.observed().isEmpty()) {
            intents.announce("CreateRule");
            String arn = aws.listenerRules().create(plan.rule(), priority, targetGroupArn);
            changes.add(new Change(EventReason.Created, "created listener rule at priority " + priority));
            return arn;
        }
        ObservedListenerRule observed = plan.observed().get();
        if (!aws.listenerRules().update(plan.rule(), observed, priority, targetGroupArn).isEmpty()) {
            changes.add(new Change(EventReason.Updated, "updated listener rule at priority " + priority
                    + (observed.priority() == priority ? "" : " (was " + observed.priority() + ")")));
        }
        return observed.arn();
    }

    private String convergeScaling(DesiredState desired, Optional<DesiredScaling> scaling, String targetGroupArn,
            List<Change> changes, IntentLog intents) {
        String resourceId = scaling.map(DesiredScaling::resourceId).orElse("service/" + desired.service().cluster()
                + "/" + desired.service().name());
        String label = targetGroupArn == null ? null : DesiredScaling.requestCountLabel(
                desired.listenerRule().orElseThrow().listenerArn(), targetGroupArn);
        var observed = aws.scaling().observe(resourceId);
        if (scaling.isEmpty()) {
            // Autoscaling was turned off: the replicas count rules again, and AAS must not fight it.
            if (observed.isPresent() && aws.scaling().delete(resourceId)) {
                changes.add(new Change(EventReason.Updated, "removed autoscaling"));
            }
            return null;
        }
        if (observed.isEmpty()) {
            intents.announce("RegisterScalableTarget");
            aws.scaling().create(scaling.get(), desired.service().tags(), label);
            changes.add(new Change(EventReason.Created, "registered autoscaling from " + scaling.get().minCapacity()
                    + " to " + scaling.get().maxCapacity() + " tasks"));
        } else if (!aws.scaling().update(scaling.get(), observed.get(), label).isEmpty()) {
            changes.add(new Change(EventReason.Updated, "updated autoscaling"));
        }
        return resourceId;
    }

    /** Where the app answers: its first host, or the load balancer's DNS name, and the path's fixed prefix. */
    private String url(DesiredState desired) {
        return desired.listenerRule().map(rule -> {
            String host = rule.hosts().isEmpty() ? loadBalancerDns.computeIfAbsent(rule.listenerArn(),
                    aws.targetGroups()::dnsNameOfListener) : rule.hosts().get(0);
            String path = rule.pathPatterns().isEmpty() ? "/" : rule.pathPatterns().get(0).replace("*", "");
            return "http://" + host + path;
        }).orElse(null);
    }

    static String revision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }
}
