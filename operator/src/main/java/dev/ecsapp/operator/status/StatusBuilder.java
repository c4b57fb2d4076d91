package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.ConditionDraft.isFalse;
import static dev.ecsapp.operator.status.ConditionDraft.isTrue;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.api.v1alpha1.Intent;
import dev.ecsapp.operator.status.ReconcileOutcome.Deleting;
import dev.ecsapp.operator.status.ReconcileOutcome.DeletionBlocked;
import dev.ecsapp.operator.status.ReconcileOutcome.InvalidSpec;
import dev.ecsapp.operator.status.ReconcileOutcome.Ok;
import dev.ecsapp.operator.status.ReconcileOutcome.TerminalError;
import dev.ecsapp.operator.status.ReconcileOutcome.TransientError;
import dev.ecsapp.operator.status.ReconcileOutcome.UnexpectedError;
import dev.ecsapp.operator.status.ReconcileOutcome.Waiting;
import dev.ecsapp.operator.validation.Violation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place that sets conditions: the previous status and how one reconcile ended in, the next status out.
 *
 * <p>How tools read the result. kstatus (Flux health checks, {@code kubectl wait}, cli-utils) looks at
 * {@code status.observedGeneration} first (behind {@code metadata.generation}: InProgress), then at
 * {@code Reconciling} (True: InProgress) and {@code Stalled} (True: Failed), then at {@code Ready}. So a terminal
 * failure reads Failed at once instead of InProgress until the caller's timeout. Argo CD has no health check for an
 * unknown kind; the Lua health check in deploy/gitops maps {@code Degraded=True} to Degraded, {@code Progressing=True}
 * or a stale observedGeneration to Progressing, {@code Ready=True} to Healthy, anything else to Progressing. The
 * conditions are kept consistent for both: Ready=True comes only with Progressing=False and Degraded=False;
 * Reconciling always equals Progressing; Stalled is True exactly when Degraded is True and nothing is in progress
 * (only a change of the spec or the AWS account helps).
 */
public final class StatusBuilder {

    private static final EcsAppStatus NO_STATUS =
            new EcsAppStatus(null, List.of(), null, null, null, null, null, null, null, null, null);

    private final EcsAppStatus previous;
    private final long generation;
    private final Optional<String> currentRevision;
    private final String now;
    private Intent intent;

    /**
     * @param previous the status as read from the cluster, or null for a new EcsApp
     * @param currentTaskDefinitionArn the revision the operator registered for this spec, or null if none yet
     */
    public StatusBuilder(EcsAppStatus previous, long generation, String currentTaskDefinitionArn, Instant now) {
        this.previous = previous == null ? NO_STATUS : previous;
        this.generation = generation;
        this.currentRevision = Optional.ofNullable(currentTaskDefinitionArn);
        // metav1.Time has second precision; a finer one would make every round trip through the API server differ.
        this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
        this.intent = this.previous.intent();
    }

    /**
     * The mutating step in flight when the reconcile ended: the step announced before a call that then failed stays
     * in the status until a reconcile gets through; null when every step announced was taken.
     */
    public StatusBuilder intent(Intent inFlight) {
        this.intent = inFlight;
        return this;
    }

    /**
     * The revision the deployment circuit breaker stopped, as the status remembers it: while Degraded records a
     * rollout failure, the revision in {@code status.resources} is the one that failed. Empty otherwise.
     */
    public static Optional<String> stoppedRevision(EcsAppStatus previous) {
        if (previous == null || previous.resources() == null) {
            return Optional.empty();
        }
        return previous.conditions().stream()
                .filter(condition -> Conditions.DEGRADED.equals(condition.type()))
                .filter(RolloutAssessment::isRolloutFailure)
                .findFirst()
                .map(condition -> previous.resources().taskDefinitionArn());
    }

    public EcsAppStatus build(ReconcileOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof Ok ok) {
            return observed(ok.observation(), rollout(ok.observation()));
        }
        if (outcome instanceof Waiting waiting) {
            return waiting(waiting);
        }
        if (outcome instanceof TransientError transientError) {
            return transientError(transientError);
        }
        if (outcome instanceof TerminalError terminal) {
            return terminal(terminal);
        }
        if (outcome instanceof InvalidSpec invalid) {
            return invalidSpec(invalid);
        }
        if (outcome instanceof UnexpectedError unexpected) {
            String message = unexpected.message() + "; will retry";
            return unobserved(conditions(new Verdict(isFalse(Conditions.REASON_OPERATOR_ERROR, message),
                    isTrue(Conditions.REASON_OPERATOR_ERROR, message), isTrue(Conditions.REASON_OPERATOR_ERROR,
                    message))));
        }
        if (outcome instanceof Deleting) {
            return unobserved(conditions(new Verdict(
                    isFalse(Conditions.REASON_DELETING, "deleting the app's AWS resources"),
                    isTrue(Conditions.REASON_DELETING, "deleting the app's AWS resources"),
                    isFalse(Conditions.REASON_DELETING, "no failure seen"))));
        }
        if (outcome instanceof DeletionBlocked blocked) {
            String message = "deleting the app's AWS resources failed: " + blocked.message()
                    + (blocked.retrying() ? "; will retry" : "; the EcsApp stays until that is fixed");
            return unobserved(conditions(new Verdict(isFalse(Conditions.REASON_DELETING, message),
                    blocked.retrying() ? isTrue(Conditions.REASON_DELETION_BLOCKED, message)
                            : isFalse(Conditions.REASON_DELETION_BLOCKED, message),
                    isTrue(Conditions.REASON_DELETION_BLOCKED, message))));
        }
        throw new IllegalArgumentException("unknown outcome " + outcome);
    }

    private Verdict rollout(RolloutObservation observation) {
        return new RolloutAssessment(observation, currentRevision, previous(Conditions.DEGRADED)).verdict();
    }

    private EcsAppStatus waiting(Waiting waiting) {
        ConditionDraft underWay = isTrue(Conditions.REASON_RECONCILING, waiting.message());
        if (waiting.observation().isEmpty()) {
            return unobserved(conditions(new Verdict(isFalse(Conditions.REASON_RECONCILING, waiting.message()),
                    underWay, isFalse(Conditions.REASON_AS_EXPECTED, "no failure seen"))));
        }
        RolloutObservation observation = waiting.observation().get();
        Verdict verdict = rollout(observation);
        if (Conditions.TRUE.equals(verdict.ready().status())) {
            // The service looks done, but the reconciler still waits for something else (a rule, a scalable target).
            verdict = new Verdict(isFalse(Conditions.REASON_RECONCILING, waiting.message()), underWay,
                    verdict.degraded());
        }
        return observed(observation, verdict);
    }

    /*
     * A retry may well succeed, so Ready and Degraded stay as they were (no flapping on a throttled call) as long
     * as they describe this generation. If the spec changed since, they would describe a spec that is not deployed:
     * kstatus would read a stale Ready=True as Current, so Ready turns False until the new generation is applied.
     * A rollout failure stays whatever the generation: it is about the revision running, and it is the only memory
     * of the failure once ECS has dropped the failed deployment.
     */
    private EcsAppStatus transientError(TransientError error) {
        String retrying = error.message() + "; will retry";
        Condition ready = previous(Conditions.READY).filter(this::describesThisGeneration)
                .orElseGet(() -> stamp(Conditions.READY, isFalse(Conditions.REASON_RECONCILING,
                        "generation " + generation + " is not applied yet: " + retrying)));
        Condition degraded = previous(Conditions.DEGRADED)
                .filter(condition -> describesThisGeneration(condition) || RolloutAssessment.isRolloutFailure(condition))
                .orElseGet(() -> stamp(Conditions.DEGRADED, isFalse(Conditions.REASON_AS_EXPECTED,
                        "no failure seen")));
        return unobserved(withKstatus(ready,
                stamp(Conditions.PROGRESSING, isTrue(Conditions.REASON_AWS_UNAVAILABLE, retrying)),
                degraded));
    }

    private EcsAppStatus terminal(TerminalError error) {
        String message = error.message() + "; the operator waits for a change of the spec or the AWS account";
        Verdict verdict = new Verdict(isFalse(error.reason(), message), isFalse(error.reason(), message),
                isTrue(error.reason(), message));
        return error.observation().map(observation -> observed(observation, verdict))
                .orElseGet(() -> unobserved(conditions(verdict)));
    }

    private EcsAppStatus invalidSpec(InvalidSpec invalid) {
        String message = "the spec is invalid: " + invalid.violations().stream().map(Violation::toString)
                .collect(Collectors.joining("; "));
        return unobserved(conditions(new Verdict(isFalse(Conditions.REASON_INVALID_SPEC, message),
                isFalse(Conditions.REASON_INVALID_SPEC, "nothing is deployed until the spec is fixed"),
                isTrue(Conditions.REASON_INVALID_SPEC, message))));
    }

    private EcsAppStatus observed(RolloutObservation observation, Verdict verdict) {
        TaskCounts service = observation.service();
        return new EcsAppStatus(generation, conditions(verdict), intent, observation.image(),
                observation.repositoryUri(), observation.resources(), service.desired(), service.running(),
                service.pending(), observation.primary().rolloutState().name(), observation.url());
    }

    /** Nothing new was learned from AWS: what the status said about it stays. */
    private EcsAppStatus unobserved(List<Condition> conditions) {
        return new EcsAppStatus(generation, conditions, intent, previous.image(),
                previous.repositoryUri(), previous.resources(), previous.desiredCount(), previous.runningCount(),
                previous.pendingCount(), previous.rolloutState(), previous.url());
    }

    private List<Condition> conditions(Verdict verdict) {
        return withKstatus(stamp(Conditions.READY, verdict.ready()),
                stamp(Conditions.PROGRESSING, verdict.progressing()), stamp(Conditions.DEGRADED, verdict.degraded()));
    }

    /** The three conditions with kstatus's two, which are read off them: Reconciling is Progressing, Stalled below. */
    private List<Condition> withKstatus(Condition ready, Condition progressing, Condition degraded) {
        boolean stalled = Conditions.TRUE.equals(degraded.status()) && !Conditions.TRUE.equals(progressing.status());
        List<Condition> conditions = new ArrayList<>(List.of(ready, progressing, degraded));
        conditions.add(stamp(Conditions.RECONCILING, new ConditionDraft(progressing.status(), progressing.reason(),
                progressing.message())));
        conditions.add(stamp(Conditions.STALLED, stalled ? isTrue(degraded.reason(), degraded.message())
                : isFalse(Conditions.REASON_AS_EXPECTED, "no terminal failure")));
        return List.copyOf(conditions);
    }

    /** lastTransitionTime moves only when the status does; reason and message may change without a transition. */
    private Condition stamp(String type, ConditionDraft draft) {
        String since = previous(type)
                .filter(before -> draft.status().equals(before.status()))
                .map(Condition::lastTransitionTime)
                .orElse(now);
        return new Condition(type, draft.status(), draft.reason(), draft.message(), since, generation);
    }

    private boolean describesThisGeneration(Condition condition) {
        return Objects.equals(condition.observedGeneration(), generation);
    }

    private Optional<Condition> previous(String type) {
        return previous.conditions().stream().filter(condition -> type.equals(condition.type())).findFirst();
    }
}
