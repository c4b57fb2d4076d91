package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.Rollouts.REV_7;
import static dev.ecsapp.operator.status.Rollouts.REV_8;
import static dev.ecsapp.operator.status.Rollouts.ROLLBACK_TO_7;
import static dev.ecsapp.operator.status.Rollouts.T0;
import static dev.ecsapp.operator.status.Rollouts.T1;
import static dev.ecsapp.operator.status.Rollouts.build;
import static dev.ecsapp.operator.status.Rollouts.completed;
import static dev.ecsapp.operator.status.Rollouts.condition;
import static dev.ecsapp.operator.status.Rollouts.deployment;
import static dev.ecsapp.operator.status.Rollouts.observed;
import static dev.ecsapp.operator.status.Rollouts.withReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.validation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusTransitionTest {

    @Test
    void aFirstStatusStampsEveryConditionWithNowToTheSecond() {
        EcsAppStatus status = build(null, 1, REV_8, Instant.parse("2026-11-26T10:00:00.123456Z"),
                observed(completed(REV_8, 1)).ok());

        assertThat(status.conditions()).extracting(Condition::lastTransitionTime)
                .containsOnly("2026-11-26T10:00:00Z");
    }

    @Test
    void lastTransitionTimeStaysWhenOnlyTheReasonChanges() {
        EcsAppStatus scaling = build(null, 3, REV_8, T0,
                observed(deployment(REV_8, RolloutState.COMPLETED, 3, 2, 1)).ok());

        EcsAppStatus unhealthy = build(scaling, 3, REV_8, T1, observed(completed(REV_8, 3)).targets(2, 1, 0, 0).ok());

        assertThat(condition(unhealthy, Conditions.READY)).extracting(Condition::reason,
                Condition::lastTransitionTime).containsExactly("WaitingForHealthyTargets", "2026-11-26T10:00:00Z");
    }

    @Test
    void lastTransitionTimeMovesWhenTheStatusChanges() {
        EcsAppStatus rollingOut = build(null, 3, REV_8, T0,
                observed(deployment(REV_8, RolloutState.IN_PROGRESS, 2, 1, 1)).ok());

        EcsAppStatus ready = build(rollingOut, 3, REV_8, T1, observed(completed(REV_8, 2)).ok());

        assertThat(ready.conditions()).extracting(Condition::type, Condition::lastTransitionTime)
                .containsExactly(
                        tuple("Ready", "2026-11-26T10:05:00Z"),
                        tuple("Progressing", "2026-11-26T10:05:00Z"),
                        tuple("Degraded", "2026-11-26T10:00:00Z"),
                        tuple("Reconciling", "2026-11-26T10:05:00Z"),
                        tuple("Stalled", "2026-11-26T10:00:00Z"));
    }

    @Test
    void theGenerationIsStampedOnTheStatusAndOnEveryCondition() {
        EcsAppStatus earlier = build(null, 6, REV_8, T0, observed(completed(REV_8, 2)).ok());

        EcsAppStatus status = build(earlier, 7, REV_8, T1, observed(completed(REV_8, 2)).ok());

        assertThat(status.observedGeneration()).isEqualTo(7L);
        assertThat(status.conditions()).extracting(Condition::observedGeneration).containsOnly(7L);
    }

    static Stream<ReconcileOutcome> everyKindOfOutcome() {
        return Stream.of(
                observed(completed(REV_8, 2)).ok(),
                observed(completed(REV_8, 2)).targets(1, 1, 0, 0).ok(),
                observed(deployment(REV_8, RolloutState.IN_PROGRESS, 2, 1, 1)).and(completed(REV_7, 2)).ok(),
                observed(withReason(completed(REV_7, 2), ROLLBACK_TO_7)).ok(),
                observed(deployment(REV_8, RolloutState.FAILED, 2, 0, 0)).ok(),
                new ReconcileOutcome.Waiting("creating the target group", Optional.empty()),
                new ReconcileOutcome.TransientError("ECS: Rate exceeded"),
                new ReconcileOutcome.TerminalError("ECS: AccessDeniedException", Optional.empty()),
                new ReconcileOutcome.TerminalError("AlreadyOwned", "the log group /ecs/a/b belongs to a/c",
                        Optional.empty()),
                new ReconcileOutcome.InvalidSpec(List.of(new Violation("spec.image", "is required"))),
                new ReconcileOutcome.UnexpectedError("IllegalStateException: a defect"),
                new ReconcileOutcome.Deleting(),
                new ReconcileOutcome.DeletionBlocked("AccessDeniedException: no ecs:DeleteService", false),
                new ReconcileOutcome.DeletionBlocked("ThrottlingException: Rate exceeded", true));
    }

    /*
     * Argo CD health checks and kstatus read one condition at a time; contradicting pairs would show Healthy in one
     * tool and Degraded in the other.
     */
    @ParameterizedTest
    @MethodSource("everyKindOfOutcome")
    void readyAndDegradedNeverContradictEachOtherOrProgressing(ReconcileOutcome outcome) {
        EcsAppStatus status = build(null, 2, REV_8, T0, outcome);

        boolean ready = "True".equals(condition(status, Conditions.READY).status());
        boolean progressing = "True".equals(condition(status, Conditions.PROGRESSING).status());
        boolean degraded = "True".equals(condition(status, Conditions.DEGRADED).status());
        assertThat(status.conditions()).extracting(Condition::type)
                .containsExactly("Ready", "Progressing", "Degraded", "Reconciling", "Stalled");
        assertThat(ready && (progressing || degraded)).as("Ready with Progressing or Degraded").isFalse();
        // An unexpected error, or a deletion blocked by a fault that may pass, is both wrong and being retried.
        boolean retriedFailure = outcome instanceof ReconcileOutcome.UnexpectedError
                || outcome instanceof ReconcileOutcome.DeletionBlocked blocked && blocked.retrying();
        assertThat(degraded && progressing).as("Degraded and Progressing").isEqualTo(retriedFailure);
    }

    static Stream<Arguments> outcomesAndWhetherTheyStall() {
        return Stream.of(
                arguments(observed(completed(REV_8, 2)).ok(), false),
                arguments(observed(deployment(REV_8, RolloutState.IN_PROGRESS, 2, 1, 1)).and(completed(REV_7, 2))
                        .ok(), false),
                arguments(observed(withReason(completed(REV_7, 2), ROLLBACK_TO_7)).ok(), true),
                arguments(observed(deployment(REV_8, RolloutState.FAILED, 2, 0, 0)).ok(), true),
                arguments(new ReconcileOutcome.Waiting("creating the target group", Optional.empty()), false),
                arguments(new ReconcileOutcome.TransientError("ECS: Rate exceeded"), false),
                arguments(new ReconcileOutcome.TerminalError("ECS: AccessDeniedException", Optional.empty()), true),
                arguments(new ReconcileOutcome.TerminalError("AlreadyOwned", "the log group /ecs/a/b belongs to a/c",
                        Optional.empty()), true),
                arguments(new ReconcileOutcome.InvalidSpec(List.of(new Violation("spec.image", "is required"))),
                        true),
                arguments(new ReconcileOutcome.UnexpectedError("IllegalStateException: a defect"), false),
                arguments(new ReconcileOutcome.Deleting(), false),
                arguments(new ReconcileOutcome.DeletionBlocked("AccessDeniedException: no ecs:DeleteService", false),
                        true),
                arguments(new ReconcileOutcome.DeletionBlocked("ThrottlingException: Rate exceeded", true), false));
    }

    /*
     * kstatus (Flux, kubectl wait) reads Reconciling=True as in progress and Stalled=True as failed: a failure only a
     * change can fix must say Stalled at once, and Reconciling must say what Progressing says.
     */
    @ParameterizedTest
    @MethodSource("outcomesAndWhetherTheyStall")
    void kstatusConditionsFollowProgressingAndTerminalFailures(ReconcileOutcome outcome, boolean stalls) {
        EcsAppStatus status = build(null, 2, REV_8, T0, outcome);

        assertThat(condition(status, Conditions.RECONCILING).status())
                .isEqualTo(condition(status, Conditions.PROGRESSING).status());
        assertThat(condition(status, Conditions.STALLED).status()).as("Stalled").isEqualTo(stalls ? "True" : "False");
    }
}
