package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.ConditionDraft.isFalse;
import static dev.ecsapp.operator.status.ConditionDraft.isTrue;
import static dev.ecsapp.operator.status.Revisions.shortName;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Reads an observed rollout against the current revision: failed, under way, or done. */
final class RolloutAssessment {

    private static final Set<String> ROLLOUT_FAILURE_REASONS =
            Set.of(Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK, Conditions.REASON_ROLLOUT_FAILED);

    private static final String ROLLING_BACK = " and is rolling back to ";
    private static final String ROLLED_BACK = " and rolled back to ";

    private final RolloutObservation observed;
    private final Optional<String> currentRevision;
    private final Optional<Condition> previousDegraded;

    RolloutAssessment(RolloutObservation observed, Optional<String> currentRevision,
            Optional<Condition> previousDegraded) {
        this.observed = observed;
        this.currentRevision = currentRevision;
        this.previousDegraded = previousDegraded;
    }

    Verdict verdict() {
        Optional<ConditionDraft> failure = freshFailure().or(this::failureStillInForce);
        if (failure.isPresent()) {
            // A failed rollout is terminal until the spec changes: not progressing, never Ready, even though the
            // rolled-back deployment completes with every task running.
            ConditionDraft degraded = failure.get();
            return new Verdict(isFalse(degraded.reason(), degraded.message()),
                    isFalse(degraded.reason(), degraded.message()), degraded);
        }
        ConditionDraft degraded = isFalse(Conditions.REASON_AS_EXPECTED, "no failure seen");
        Optional<ConditionDraft> missing = whatKeepsItFromReady();
        if (missing.isPresent()) {
            ConditionDraft notReady = missing.get();
            return new Verdict(isFalse(notReady.reason(), notReady.message()),
                    isTrue(notReady.reason(), notReady.message()), degraded);
        }
        String available = availableMessage();
        return new Verdict(isTrue(Conditions.REASON_AVAILABLE, available),
                isFalse(Conditions.REASON_AVAILABLE, "rollout of " + shortName(primary().taskDefinitionArn())
                        + " complete"),
                degraded);
    }

    private Optional<ConditionDraft> freshFailure() {
        Deployment primary = primary();
        if (primary.isCircuitBreakerRollback()) {
            String failedRevision = observed.failedDeployment().map(Deployment::taskDefinitionArn)
                    .or(() -> currentRevision).orElse(null);
            String verb = primary.rolloutState() == RolloutState.COMPLETED ? ROLLED_BACK : ROLLING_BACK;
            return Optional.of(isTrue(Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK,
                    "the deployment circuit breaker stopped revision " + shortName(failedRevision) + verb
                            + shortName(primary.taskDefinitionArn()) + causes(observed.failedDeployment())
                            + "; change the spec to deploy a fixed revision"));
        }
        if (primary.failed()) {
            return Optional.of(isTrue(Conditions.REASON_ROLLOUT_FAILED,
                    "the deployment circuit breaker stopped revision " + shortName(primary.taskDefinitionArn())
                            + causes(Optional.of(primary)) + "; change the spec to deploy a fixed revision"));
        }
        // A failed deployment of an older revision left behind while the current one rolls out is history, not news.
        Optional<Deployment> failedOther = observed.failedDeployment()
                .filter(failed -> !runsCurrentRevision(primary));
        return failedOther.map(failed -> isTrue(Conditions.REASON_ROLLOUT_FAILED,
                "the deployment circuit breaker stopped revision " + shortName(failed.taskDefinitionArn())
                        + causes(failedOther) + "; change the spec to deploy a fixed revision"));
    }

    /*
     * Once a rollback has completed, ECS drops the failed deployment and the rollback's reason may be replaced, so
     * nothing in DescribeServices still says it failed. The failure holds as long as the service does not run the
     * current revision: the condition written when it was seen is the memory.
     */
    private Optional<ConditionDraft> failureStillInForce() {
        if (runsCurrentRevision(primary())) {
            return Optional.empty();
        }
        return previousDegraded
                .filter(RolloutAssessment::isRolloutFailure)
                .map(condition -> isTrue(condition.reason(), rollbackFinished(condition)));
    }

    /*
     * ECS may replace the rollback's reason as soon as the rollback completes, so the reconcile that sees it complete
     * may no longer see it was a rollback. The message remembered from while it was rolling back then says it is
     * done, rather than "is rolling back" for ever.
     */
    private String rollbackFinished(Condition remembered) {
        boolean done = Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK.equals(remembered.reason())
                && primary().rolloutState() == RolloutState.COMPLETED;
        return done ? remembered.message().replace(ROLLING_BACK, ROLLED_BACK) : remembered.message();
    }

    /** A Degraded condition that records a rollout the circuit breaker stopped. */
    static boolean isRolloutFailure(Condition degraded) {
        return Conditions.TRUE.equals(degraded.status()) && ROLLOUT_FAILURE_REASONS.contains(degraded.reason());
    }

    private String causes(Optional<Deployment> failed) {
        StringBuilder causes = new StringBuilder();
        failed.flatMap(Deployment::rolloutStateReason).ifPresent(reason -> causes.append(": ").append(reason));
        observed.lastStoppedTaskReason().ifPresent(reason -> causes.append("; last stopped task: ").append(reason));
        return causes.toString();
    }

    /** The first thing, in the order a rollout reaches them, that keeps the app from Ready. */
    private Optional<ConditionDraft> whatKeepsItFromReady() {
        Deployment primary = primary();
        TaskCounts tasks = primary.tasks();
        if (!runsCurrentRevision(primary)) {
            return Optional.of(isFalse(Conditions.REASON_ROLLOUT_PENDING, "the service runs "
                    + shortName(primary.taskDefinitionArn()) + "; " + currentRevision.map(Revisions::shortName)
                    .map(current -> "waiting for the deployment of " + current + " to start")
                    .orElse("no revision of the current spec is registered yet")));
        }
        if (primary.rolloutState() != RolloutState.COMPLETED) {
            return Optional.of(isFalse(Conditions.REASON_ROLLING_OUT, "rolling out " + shortName(
                    primary.taskDefinitionArn()) + ": " + tasks.running() + " of " + taskCount(tasks.desired())
                    + " running, " + tasks.pending() + " pending"));
        }
        if (!observed.others().isEmpty()) {
            return Optional.of(isFalse(Conditions.REASON_OLD_DEPLOYMENTS_DRAINING, observed.others().size()
                    + " older deployment(s) still hold " + olderTasks() + " task(s)"));
        }
        if (!tasks.runningAsDesired()) {
            // Nothing starting and too few running means tasks stop as fast as ECS starts them.
            boolean starting = tasks.pending() > 0 || tasks.running() > tasks.desired();
            return Optional.of(isFalse(starting ? Conditions.REASON_SCALING : Conditions.REASON_TASKS_MISSING,
                    "scaling to " + taskCount(tasks.desired()) + ": " + tasks.running() + " running, " + tasks.pending()
                            + " pending"));
        }
        return observed.targets()
                .filter(targets -> !targets.allHealthy(tasks.desired()))
                .map(targets -> isFalse(Conditions.REASON_WAITING_FOR_HEALTHY_TARGETS, "waiting for "
                        + tasks.desired() + " healthy target(s): " + targets));
    }

    private String availableMessage() {
        TaskCounts tasks = primary().tasks();
        String message = tasks.running() + " of " + taskCount(tasks.desired()) + " of "
                + shortName(primary().taskDefinitionArn()) + " running";
        return observed.targets().isPresent() ? message + ", all healthy in the target group" : message;
    }

    private static String taskCount(int count) {
        return count == 1 ? "1 task" : count + " tasks";
    }

    private int olderTasks() {
        return observed.others().stream().mapToInt(deployment -> deployment.tasks().running()).sum();
    }

    private boolean runsCurrentRevision(Deployment deployment) {
        return currentRevision.filter(current -> Objects.equals(current, deployment.taskDefinitionArn())).isPresent();
    }

    private Deployment primary() {
        return observed.primary();
    }
}
