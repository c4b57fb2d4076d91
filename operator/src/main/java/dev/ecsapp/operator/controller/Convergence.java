package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ClientTokens;
import dev.ecsapp.operator.aws.ListenerRuleAdapter;
import dev.ecsapp.operator.aws.ObservedListenerRule;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ObservedTargetGroup;
import dev.ecsapp.operator.aws.ObservedTaskDefinition;
import dev.ecsapp.operator.aws.ServiceChanges;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.ChangeClass;
import dev.ecsapp.operator.desired.DesiredListenerRule;
import dev.ecsapp.operator.desired.DesiredLogGroup;
import dev.ecsapp.operator.desired.DesiredRepository;
import dev.ecsapp.operator.desired.DesiredScaling;
import dev.ecsapp.operator.desired.DesiredService;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.DesiredTargetGroup;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps;
import dev.ecsapp.operator.desired.ListenerRulePriorities;
import dev.ecsapp.operator.desired.Ownership;
import dev.ecsapp.operator.desired.ResourceNames;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The act phase of one reconcile: for each AWS resource kind in dependency order (repository, log group, target
 * group, listener rule, task definition, service, scaling), observe it, compare it with the desired state, and make
 * only the call the difference needs. Nothing is created twice: every resource is found again by its deterministic
 * name or ownership tag, a task definition is registered only when its content changed, and CreateService carries a
 * client token.
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

    /** The code of the terminal failure for a resource another app, or nobody, owns. */
    static final String ALREADY_OWNED = "AlreadyOwned";

    private final Retirement retirement;
    /** How many of its newest ACTIVE task definition revisions an app keeps; older ones it made are deregistered. */
    private final int keepTaskDefinitions;

    Convergence(AppResources aws, ListenerRulePolicy listenerRules, Clock clock, int keepTaskDefinitions) {
        this.aws = aws;
        this.listenerRules = listenerRules;
        this.clock = clock;
        this.retirement = new Retirement(aws);
        this.keepTaskDefinitions = keepTaskDefinitions;
    }

    /**
     * Follows the rollout when the last full convergence was for this very spec and the app is not Ready yet (a full
     * one at least every {@link #ROLLOUT_FULL_LOOK} in case it is stuck on something else); converges fully
     * otherwise. Once Ready every reconcile is a full one (the timer's every full-resync, and the Ready check's
     * when the service moved): drift is looked for there.
     *
     * @param stoppedRevision the revision an earlier reconcile saw the deployment circuit breaker stop (the status
     *     is the memory of it once ECS has dropped the failed deployment); it is not rolled out again
     * @param previous what the last status says the app has in AWS, retired resources included; what of it the
     *     spec no longer wants is retired
     * @throws AwsCallException for a call that failed; its kind tells terminal from transient from waiting
     */
    Result converge(AppIdentity app, long generation, String specHash, boolean ready, DesiredState desired,
            Optional<String> stoppedRevision, AwsResources previous, IntentLog intents) {
        Converged last = converged.get(app.owner());
        // Leftovers to retire wait for the service to settle, which only a full convergence looks for.
        if (last != null && !ready && last.made().resources().toRetire().isEmpty()
                && last.specHash().equals(specHash) && last.generation() == generation
                && Duration.between(last.at(), clock.instant()).compareTo(ROLLOUT_FULL_LOOK) < 0) {
            Optional<Result> followed = followRollout(desired, last.made());
            if (followed.isPresent()) {
                return followed.get();
            }
        }
        Result result = convergeFully(app, generation, desired, stoppedRevision, previous, intents);
        converged.put(app.owner(), new Converged(specHash, generation, clock.instant(), result.made()));
        return result;
    }

    /** The app is gone: nothing of it to remember. */
    void forget(AppIdentity app) {
        converged.remove(app.owner());
    }

    private Result convergeFully(AppIdentity app, long generation, DesiredState desired,
            Optional<String> stoppedRevision, AwsResources previous, IntentLog intents) {
        // Reads only, before the first write: a subnet, security group, listener or cluster that does not exist is
        // refused here, naming the field, instead of by AWS after the log group, target group and rule were made.
        aws.references().check(desired.references());
        // A refused rule must leave nothing of the app in AWS, not even its repository: check before the first write.
        Optional<RulePlan> rulePlan = desired.listenerRule().map(rule -> checkRule(app, rule));
        List<Change> changes = new ArrayList<>();
        String repositoryUri = desired.repository().map(repository -> convergeRepository(app, repository, changes,
                intents)).orElse(null);
        String logGroupArn = convergeLogGroup(app, desired.logGroup(), changes, intents);

        List<String> extraRetired = new ArrayList<>();
        Optional<GroupInUse> group = desired.targetGroup().map(wanted -> convergeTargetGroup(app, wanted,
                desired.listenerRule().orElseThrow().listenerArn(), previous, extraRetired, changes, intents));
        String targetGroupArn = group.map(GroupInUse::arn).orElse(null);
        DesiredService wantedService = group.map(g -> desired.service().behind(g.name())).orElse(desired.service());

        String ruleArn = rulePlan.map(plan -> converge(plan, group.orElseThrow(), changes, intents)).orElse(null);

        Optional<ObservedTaskDefinition> latest = aws.taskDefinitions().observe(desired.taskDefinition().family());
        String taskDefinitionArn = convergeTaskDefinition(app, desired, latest, changes, intents);
        boolean registered = latest.map(ObservedTaskDefinition::arn).filter(taskDefinitionArn::equals).isEmpty();

        String cluster = wantedService.cluster();
        Optional<ObservedService> service = aws.services().observe(cluster, wantedService.name());
        service.ifPresent(found -> requireOwned(app, "the ECS service " + wantedService.name() + " in cluster "
                + cluster, found.shape().tags(), handOver(app)));
        String serviceArn;
        boolean serviceChanged;
        if (service.isEmpty()) {
            intents.announce("CreateService");
            serviceArn = aws.services().create(wantedService, taskDefinitionArn, targetGroupArn,
                    ClientTokens.createService(app, generation));
            serviceChanged = true;
            changes.add(new Change(EventReason.Created, "created ECS service " + wantedService.name()
                    + " on " + revision(taskDefinitionArn)));
        } else if (service.get().draining()) {
            throw new AwsCallException("UpdateService", new AwsFailure(AwsFailure.Kind.WAITING,
                    "ServiceDraining", "the service " + wantedService.name() + " is being deleted; it will be "
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
            if (!ServiceChanges.between(wantedService, revisionToRun, service.get()).none()) {
                intents.announce("UpdateService");
            }
            var changed = aws.services().update(wantedService, service.get(), revisionToRun, targetGroupArn)
                    .paths();
            serviceChanged = !changed.isEmpty();
            if (serviceChanged) {
                changes.add(new Change(EventReason.Updated, "updated ECS service " + wantedService.name() + ": "
                        + String.join(", ", changed)));
            }
        }
        if (registered) {
            keepNewestRevisions(app, desired, taskDefinitionArn, service, changes);
        }

        String scalingId = convergeScaling(desired, desired.scaling(), targetGroupArn, changes, intents);

        AwsResources current = new AwsResources(taskDefinitionArn, serviceArn, targetGroupArn, ruleArn, logGroupArn,
                scalingId, null);
        List<String> toRetire = new ArrayList<>(Retirement.candidates(previous, current));
        extraRetired.stream().filter(arn -> !toRetire.contains(arn)).forEach(toRetire::add);
        Optional<ObservedService> settled = serviceChanged ? Optional.empty()
                : service.filter(ObservedService::settled);
        List<String> stillRetired = retirement.retire(app, toRetire, settled, changes);
        Made made = new Made(new AwsResources(taskDefinitionArn, serviceArn, targetGroupArn, ruleArn, logGroupArn,
                scalingId, stillRetired), url(desired), repositoryUri);
        return new Result(taskDefinitionArn, lookAtRollout(desired, made), changes, made);
    }

    private String convergeRepository(AppIdentity app, DesiredRepository repository, List<Change> changes,
            IntentLog intents) {
        return aws.repositories().observe(repository.name()).map(observed -> {
            requireOwned(app, "the ECR repository " + repository.name(), observed.shape().tags(), "name another "
                    + "repository in spec.repository.name, or set spec.repository.managed to false to push to it "
                    + "without the operator managing it");
            aws.repositories().update(repository, observed);
            return observed.uri();
        }).orElseGet(() -> {
            intents.announce("CreateRepository");
            String uri = aws.repositories().create(repository);
            changes.add(new Change(EventReason.Created, "created ECR repository " + repository.name()));
            return uri;
        });
    }

    private String convergeLogGroup(AppIdentity app, DesiredLogGroup logGroup, List<Change> changes,
            IntentLog intents) {
        return aws.logGroups().observe(logGroup.name()).map(observed -> {
            requireOwned(app, "the log group " + logGroup.name(), observed.shape().tags(), handOver(app));
            aws.logGroups().update(logGroup, observed);
            return observed.arn();
        }).orElseGet(() -> {
            intents.announce("CreateLogGroup");
            String arn = aws.logGroups().create(logGroup);
            changes.add(new Change(EventReason.Created, "created log group " + logGroup.name()));
            return arn;
        });
    }

    /** The app's target group as this reconcile uses it: its ARN and which of its two names it has. */
    private record GroupInUse(String arn, String name, Optional<String> replacing) {
    }

    /**
     * Port, protocol and target type cannot change in place: a group with the old ones is replaced by a new group
     * under the app's other name (see ResourceNames#replacementTargetGroupName), the rule and the service move to
     * it, and the old one is retired once the service no longer uses it. The name the status says is in use is
     * looked at first, so a steady app costs one read as before.
     */
    private GroupInUse convergeTargetGroup(AppIdentity app, DesiredTargetGroup wanted, String listenerArn,
            AwsResources previous, List<String> extraRetired, List<Change> changes, IntentLog intents) {
        ResourceNames names = new ResourceNames(app);
        List<String> slots = new ArrayList<>(List.of(names.targetGroupName(), names.replacementTargetGroupName()));
        String lastUsed = previous == null || previous.targetGroupArn() == null ? null
                : dev.ecsapp.operator.aws.ServiceShapes.targetGroupName(previous.targetGroupArn());
        if (slots.get(1).equals(lastUsed)) {
            java.util.Collections.reverse(slots);
        }
        Optional<ObservedTargetGroup> replaced = Optional.empty();
        for (String name : slots) {
            Optional<ObservedTargetGroup> observed = aws.targetGroups().observe(name);
            if (observed.isEmpty()) {
                continue;
            }
            requireOwned(app, "the target group " + name, observed.get().shape().tags(), handOver(app));
            DesiredTargetGroup named = wanted.named(name);
            if (!observed.get().needsReplacementFor(named)) {
                aws.targetGroups().update(named, observed.get());
                return new GroupInUse(observed.get().arn(), name, replaced.map(ObservedTargetGroup::arn));
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
        changes.add(new Change(EventReason.Created, "created target group " + free + replaced.map(old -> " to "
                + "replace " + old.shape().name() + " (port, protocol or target type changed)").orElse("")));
        return new GroupInUse(arn, free, replaced.map(ObservedTargetGroup::arn));
    }

    /**
     * After registering a revision, deregisters the app's own revisions beyond the newest {@code keep}; never the one
     * the service runs (the rollback's target) nor the new one.
     */
    private void keepNewestRevisions(AppIdentity app, DesiredState desired, String registered,
            Optional<ObservedService> service, List<Change> changes) {
        java.util.Set<String> inUse = new java.util.HashSet<>();
        inUse.add(registered);
        service.map(ObservedService::taskDefinitionArn).ifPresent(inUse::add);
        List<String> deregistered = aws.taskDefinitions().deregisterOwned(desired.taskDefinition().family(), app,
                keepTaskDefinitions, inUse);
        if (!deregistered.isEmpty()) {
            changes.add(new Change(EventReason.Deleted, "deregistered " + deregistered.size() + " old task "
                    + "definition revision(s), keeping the newest " + keepTaskDefinitions));
        }
    }

    /** What to do about a resource with the app's name that is not the app's: make it the app's, or remove it. */
    private static String handOver(AppIdentity app) {
        return "delete it, or tag it " + Ownership.OWNER_TAG + "=" + app.owner() + " to hand it to this app";
    }

    /**
     * The app never adopts by name: a resource it finds under a name it would use, and whose owner tag names another
     * app or nothing, is neither changed nor deleted, and the reconcile stops with a terminal condition naming it.
     */
    static void requireOwned(AppIdentity app, String what, Map<String, String> tags, String fix) {
        if (Ownership.ownedBy(app, tags)) {
            return;
        }
        String holder = Ownership.ownerOf(tags).map(owner -> "belongs to the app " + owner)
                .orElse("was not made by the operator (it has no " + Ownership.OWNER_TAG + " tag)");
        throw new AwsCallException("Observe", new AwsFailure(AwsFailure.Kind.TERMINAL, ALREADY_OWNED,
                what + " exists and " + holder + "; this app does not change or delete it: " + fix), null);
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

    /*
     * The latest revision of the family is the app's only if the app made it: a revision someone registered by hand
     * (a console edit) is never rolled onto, even when its content looks the same; the app registers its own.
     */
    private String convergeTaskDefinition(AppIdentity app, DesiredState desired,
            Optional<ObservedTaskDefinition> latest, List<Change> changes, IntentLog intents) {
        Optional<ObservedTaskDefinition> observed = latest.filter(revision -> Ownership.ownedBy(app,
                revision.tags()));
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

    private String converge(RulePlan plan, GroupInUse group, List<Change> changes, IntentLog intents) {
        int priority = plan.priority();
        String targetGroupArn = group.arn();
        DesiredListenerRule rule = plan.rule().forwardingTo(group.name());
        if (plan.observed().isEmpty()) {
            intents.announce("CreateRule");
            String arn = aws.listenerRules().create(rule, priority, targetGroupArn);
            changes.add(new Change(EventReason.Created, "created listener rule at priority " + priority));
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

    private static String nameOf(String targetGroupArn) {
        return dev.ecsapp.operator.aws.ServiceShapes.targetGroupName(targetGroupArn);
    }

    static String revision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }
}
