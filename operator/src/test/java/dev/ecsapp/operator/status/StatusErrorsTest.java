package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.Rollouts.REV_8;
import static dev.ecsapp.operator.status.Rollouts.T0;
import static dev.ecsapp.operator.status.Rollouts.T1;
import static dev.ecsapp.operator.status.Rollouts.build;
import static dev.ecsapp.operator.status.Rollouts.completed;
import static dev.ecsapp.operator.status.Rollouts.condition;
import static dev.ecsapp.operator.status.Rollouts.deployment;
import static dev.ecsapp.operator.status.Rollouts.observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.status.ReconcileOutcome.TransientError;
import dev.ecsapp.operator.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusErrorsTest {

    private static final EcsAppStatus READY_AT_GENERATION_3 = build(null, 3, REV_8, T0,
            observed(completed(REV_8, 2)).ok());
    private static final TransientError THROTTLED = new TransientError("ECS DescribeServices: Rate exceeded");

    @Test
    void anInvalidSpecIsDegradedAndListsEveryViolationWithItsFix() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 4, REV_8, T1, new ReconcileOutcome.InvalidSpec(List.of(
                new Violation("spec.cpu", "512 CPU units do not allow 8192 MiB; use 1024 to 4096"),
                new Violation("spec.loadBalancer.pathPatterns[0]", "must start with /"))));

        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("True", "InvalidSpec", "the spec is invalid: spec.cpu: 512 CPU "
                + "units do not allow 8192 MiB; use 1024 to 4096; "
                + "spec.loadBalancer.pathPatterns[0]: must start with /");
        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason)
                .containsExactly("False", "InvalidSpec");
        assertThat(condition(status, Conditions.PROGRESSING).status()).isEqualTo("False");
    }

    @Test
    void anInvalidSpecLeavesWhatTheStatusSaidAboutAwsAsItWas() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 4, REV_8, T1, new ReconcileOutcome.InvalidSpec(List.of(
                new Violation("spec.cpu", "must be one of 256, 512, 1024, 2048, 4096"))));

        assertThat(status).usingRecursiveComparison().comparingOnlyFields("image", "repositoryUri", "resources",
                "desiredCount", "runningCount", "pendingCount", "rolloutState", "url", "intent")
                .isEqualTo(READY_AT_GENERATION_3);
    }

    @Test
    void aTransientErrorKeepsReadyAsItWasAndSaysItWillRetry() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 3, REV_8, T1, THROTTLED);

        assertThat(condition(status, Conditions.READY)).isEqualTo(condition(READY_AT_GENERATION_3, Conditions.READY));
        assertThat(condition(status, Conditions.PROGRESSING)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("True", "AwsUnavailable",
                "ECS DescribeServices: Rate exceeded; will retry");
    }

    @Test
    void aTransientErrorKeepsNotReadyAsItWasToo() {
        EcsAppStatus rollingOut = build(null, 3, REV_8, T0,
                observed(deployment(REV_8, RolloutState.IN_PROGRESS, 2, 1, 1)).ok());

        EcsAppStatus status = build(rollingOut, 3, REV_8, T1, THROTTLED);

        assertThat(condition(status, Conditions.READY)).isEqualTo(condition(rollingOut, Conditions.READY));
        assertThat(condition(status, Conditions.DEGRADED)).isEqualTo(condition(rollingOut, Conditions.DEGRADED));
    }

    @Test
    void aTransientErrorAfterASpecChangeDoesNotClaimTheNewGenerationIsReady() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 4, REV_8, T1, THROTTLED);

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason,
                Condition::message, Condition::observedGeneration).containsExactly("False", "Reconciling",
                "generation 4 is not applied yet: ECS DescribeServices: Rate exceeded; will retry", 4L);
    }

    @Test
    void aTerminalErrorIsDegradedWithTheAwsMessageAndStopsProgressing() {
        String refused = "ECS UpdateService: AccessDeniedException: not authorized to perform iam:PassRole on "
                + "arn:aws:iam::123456789012:role/shop-task";

        EcsAppStatus status = build(READY_AT_GENERATION_3, 4, REV_8, T1,
                new ReconcileOutcome.TerminalError(refused, Optional.empty()));

        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", "AwsRejected");
        assertThat(condition(status, Conditions.DEGRADED).message()).startsWith(refused);
        assertThat(condition(status, Conditions.READY).status()).isEqualTo("False");
        assertThat(condition(status, Conditions.PROGRESSING).status()).isEqualTo("False");
    }

    @Test
    void deletingIsNotReadyAndProgressing() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 3, REV_8, T1, new ReconcileOutcome.Deleting());

        assertThat(status.conditions()).extracting(Condition::type, Condition::status, Condition::reason)
                .containsExactly(
                        tuple("Ready", "False", "Deleting"),
                        tuple("Progressing", "True", "Deleting"),
                        tuple("Degraded", "False", "Deleting"),
                        tuple("Reconciling", "True", "Deleting"),
                        tuple("Stalled", "False", "AsExpected"));
    }

    @Test
    void aDeletionAwsRefusesIsBlockedStalledAndNamesTheError() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 3, REV_8, T1, new ReconcileOutcome.DeletionBlocked(
                "AccessDeniedException: not authorized to perform ecs:DeleteService", false));

        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", "DeletionBlocked");
        assertThat(condition(status, Conditions.DEGRADED).message()).contains("ecs:DeleteService");
        assertThat(condition(status, Conditions.STALLED).status()).isEqualTo("True");
        assertThat(condition(status, Conditions.READY).status()).isEqualTo("False");
    }

    @Test
    void anUnexpectedErrorTurnsAStaleReadyFalseForTheCurrentGeneration() {
        EcsAppStatus status = build(READY_AT_GENERATION_3, 4, REV_8, T1,
                new ReconcileOutcome.UnexpectedError("IllegalStateException: a defect"));

        assertThat(status.observedGeneration()).isEqualTo(4L);
        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason,
                Condition::observedGeneration).containsExactly("False", "OperatorError", 4L);
        assertThat(condition(status, Conditions.STALLED).status()).isEqualTo("False");
    }
}
