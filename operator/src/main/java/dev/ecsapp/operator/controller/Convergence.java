package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ClientTokens;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ObservedTaskDefinition;
import dev.ecsapp.operator.aws.ServiceChanges;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.ChangeClass;
import dev.ecsapp.operator.desired.DesiredLogGroup;
import dev.ecsapp.operator.desired.DesiredRepository;
import dev.ecsapp.operator.desired.DesiredScaling;
import dev.ecsapp.operator.desired.DesiredService;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.Ownership;
import dev.ecsapp.operator.events.EventReason;
import dev.ecsapp.operator.status.RolloutObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** While a rollout is followed cheaply, a full convergence still comes this often. */
    private static final Duration ROLLOUT_FULL_LOOK = Duration.ofMinutes(5);

    /** The spec a full convergence made AWS match, what it made, and when. */
    private record Converged(String specHash, long generation, Instant at, Made made) {
    }

    private final AppResources aws;
    private final Clock clock;
    /**
     * Per app (owner), the last full convergence: until the app is Ready or its spec changes, a reconcile only
     * follows the rollout that convergence started instead of reading every resource kind again.
     */
    private final Map<String, Converged> converged = new ConcurrentHashMap<>();
    /** Listener ARN to its load balancer's DNS name: a fact that never changes, so read once, not per reconcile. */
    private final Map<String, String> loadBalancerDns = new ConcurrentHashMap<>();
    private final ListenerRuleStep ruleStep;
    private final TargetGroupStep groupStep;
    private final Retirement retirement;
    /** How many of its newest ACTIVE task definition revisions an app keeps; older ones it made are deregistered. */
    private final int keepTaskDefinitions;

    Convergence(AppResources aws, ListenerRulePolicy listenerRules, Clock clock, int keepTaskDefinitions) {
        this.aws = aws;
        this.clock = clock;
        this.ruleStep = new ListenerRuleStep(aws, listenerRules);
        this.groupStep = new TargetGroupStep(aws);
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
        Optional<ListenerRuleStep.Plan> rulePlan = desired.listenerRule().map(rule -> ruleStep.check(app, rule));
        List<Change> changes = new ArrayList<>();
        String repositoryUri = desired.repository().map(repository -> convergeRepository(app, repository, changes,
                intents)).orElse(null);
        String logGroupArn = convergeLogGroup(app, desired.logGroup(), changes, intents);

        List<String> extraRetired = new ArrayList<>();
        Optional<TargetGroupStep.InUse> group = desired.targetGroup().map(wanted -> groupStep.converge(app, wanted,
                desired.listenerRule().orElseThrow().listenerArn(), previous, extraRetired, changes, intents));
        String targetGroupArn = group.map(TargetGroupStep.InUse::arn).orElse(null);
        DesiredService wantedService = group.map(g -> desired.service().behind(g.name())).orElse(desired.service());

        String ruleArn = rulePlan.map(plan -> ruleStep.converge(plan, group.orElseThrow(), changes, intents))
                .orElse(null);

        Optional<ObservedTaskDefinition> latest = aws.taskDefinitions().observe(desired.taskDefinition().family());
        String taskDefinitionArn = convergeTaskDefinition(app, desired, latest, changes, intents);
        boolean registered = latest.map(ObservedTaskDefinition::arn).filter(taskDefinitionArn::equals).isEmpty();

        String cluster = wantedService.cluster();
        Optional<ObservedService> service = aws.services().observe(cluster, wantedService.name());
        service.ifPresent(found -> OwnerCheck.requireOwned(app, "the ECS service " + wantedService.name()
                + " in cluster " + cluster, found.shape().tags(), OwnerCheck.handOver(app)));
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
            OwnerCheck.requireOwned(app, "the ECR repository " + repository.name(), observed.shape().tags(),
                    "name another repository in spec.repository.name, or set spec.repository.managed to false to "
                    + "push to it without the operator managing it");
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
            OwnerCheck.requireOwned(app, "the log group " + logGroup.name(), observed.shape().tags(),
                    OwnerCheck.handOver(app));
            aws.logGroups().update(logGroup, observed);
            return observed.arn();
        }).orElseGet(() -> {
            intents.announce("CreateLogGroup");
            String arn = aws.logGroups().create(logGroup);
            changes.add(new Change(EventReason.Created, "created log group " + logGroup.name()));
            return arn;
        });
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
