package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.Rollouts.REV_7;
import static dev.ecsapp.operator.status.Rollouts.REV_8;
import static dev.ecsapp.operator.status.Rollouts.REV_9;
import static dev.ecsapp.operator.status.Rollouts.ROLLBACK_TO_7;
import static dev.ecsapp.operator.status.Rollouts.T0;
import static dev.ecsapp.operator.status.Rollouts.T1;
import static dev.ecsapp.operator.status.Rollouts.TASKS_FAILED;
import static dev.ecsapp.operator.status.Rollouts.build;
import static dev.ecsapp.operator.status.Rollouts.completed;
import static dev.ecsapp.operator.status.Rollouts.condition;
import static dev.ecsapp.operator.status.Rollouts.deployment;
import static dev.ecsapp.operator.status.Rollouts.observed;
import static dev.ecsapp.operator.status.Rollouts.withReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import org.junit.jupiter.api.Test;

class StatusCircuitBreakerTest {

    private static final Deployment ROLLING_BACK_TO_7 =
            withReason(deployment(REV_7, RolloutState.IN_PROGRESS, 2, 1, 1), ROLLBACK_TO_7);
    private static final Deployment ROLLED_BACK_TO_7 = withReason(completed(REV_7, 2), ROLLBACK_TO_7);
    private static final Deployment FAILED_8 = withReason(deployment(REV_8, RolloutState.FAILED, 0, 0, 0),
            TASKS_FAILED);

    @Test
    void aRollbackInProgressIsDegradedNamingTheFailedRevisionAndWhyItsTasksStopped() {
        EcsAppStatus status = build(null, 4, REV_8, T0, observed(ROLLING_BACK_TO_7).and(FAILED_8)
                .lastStoppedTask("Essential container in task exited").ok());

        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("True", "CircuitBreakerRolledBack",
                "the deployment circuit breaker stopped revision shop-checkout:8 and is rolling back to "
                        + "shop-checkout:7: ECS deployment circuit breaker: tasks failed to start.; last stopped "
                        + "task: Essential container in task exited; change the spec to deploy a fixed revision");
    }

    @Test
    void aCompletedRollbackWithEveryTaskRunningIsStillNotReady() {
        EcsAppStatus status = build(null, 4, REV_8, T0, observed(ROLLED_BACK_TO_7).ok());

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason)
                .containsExactly("False", "CircuitBreakerRolledBack");
        assertThat(condition(status, Conditions.DEGRADED).message())
                .startsWith("the deployment circuit breaker stopped revision shop-checkout:8 and rolled back to "
                        + "shop-checkout:7");
    }

    @Test
    void aFailedRolloutIsNotProgressing() {
        EcsAppStatus status = build(null, 4, REV_8, T0, observed(ROLLING_BACK_TO_7).and(FAILED_8).ok());

        assertThat(condition(status, Conditions.PROGRESSING)).extracting(Condition::status, Condition::reason)
                .containsExactly("False", "CircuitBreakerRolledBack");
    }

    @Test
    void theFailureStaysAfterEcsForgetsTheRollbackWhileTheOldRevisionRuns() {
        EcsAppStatus rolledBack = build(null, 4, REV_8, T0, observed(ROLLED_BACK_TO_7).ok());
        Deployment quietAgain = withReason(completed(REV_7, 2), "ECS deployment ecs-svc/7 completed.");

        EcsAppStatus later = build(rolledBack, 4, REV_8, T1, observed(quietAgain).ok());

        assertThat(condition(later, Conditions.DEGRADED)).isEqualTo(condition(rolledBack, Conditions.DEGRADED));
        assertThat(condition(later, Conditions.READY).status()).isEqualTo("False");
    }

    @Test
    void aRollbackSeenUnderWayAndThenCompletedUnderAPlainReasonSaysItRolledBack() {
        EcsAppStatus rollingBack = build(null, 4, REV_8, T0, observed(ROLLING_BACK_TO_7).and(FAILED_8).ok());
        Deployment quietAgain = withReason(completed(REV_7, 2), "ECS deployment ecs-svc/7 completed.");

        EcsAppStatus later = build(rollingBack, 4, REV_8, T1, observed(quietAgain).ok());

        assertThat(condition(later, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", "CircuitBreakerRolledBack");
        assertThat(condition(later, Conditions.DEGRADED).message())
                .startsWith("the deployment circuit breaker stopped revision shop-checkout:8 and rolled back to "
                        + "shop-checkout:7: ")
                .doesNotContain("is rolling back");
        assertThat(condition(later, Conditions.DEGRADED).lastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void aTransientErrorAfterAnUnrelatedSpecChangeDoesNotForgetTheRollback() {
        EcsAppStatus rolledBack = build(null, 4, REV_8, T0, observed(ROLLED_BACK_TO_7).ok());
        EcsAppStatus throttled = build(rolledBack, 5, REV_8, T1,
                new ReconcileOutcome.TransientError("ECS DescribeServices: Rate exceeded"));
        Deployment quietAgain = withReason(completed(REV_7, 2), "ECS deployment ecs-svc/7 completed.");

        EcsAppStatus later = build(throttled, 5, REV_8, T1, observed(quietAgain).ok());

        assertThat(condition(later, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", "CircuitBreakerRolledBack");
    }

    @Test
    void aFailedDeploymentWithoutRollbackIsRolloutFailed() {
        Deployment failedPrimary = withReason(deployment(REV_8, RolloutState.FAILED, 2, 0, 0), TASKS_FAILED);

        EcsAppStatus status = build(null, 4, REV_8, T0, observed(failedPrimary).and(completed(REV_7, 2)).ok());

        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("True", "RolloutFailed",
                "the deployment circuit breaker stopped revision shop-checkout:8: " + TASKS_FAILED
                        + "; change the spec to deploy a fixed revision");
        assertThat(condition(status, Conditions.READY).status()).isEqualTo("False");
    }

    @Test
    void aNewRevisionRollingOutClearsTheEarlierFailure() {
        EcsAppStatus rolledBack = build(null, 4, REV_8, T0, observed(ROLLED_BACK_TO_7).ok());

        EcsAppStatus fixed = build(rolledBack, 5, REV_9, T1,
                observed(deployment(REV_9, RolloutState.IN_PROGRESS, 2, 0, 2)).and(completed(REV_7, 2)).ok());

        assertThat(condition(fixed, Conditions.DEGRADED)).extracting(Condition::status,
                Condition::lastTransitionTime).containsExactly("False", "2026-11-26T10:05:00Z");
        assertThat(condition(fixed, Conditions.PROGRESSING)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", "RollingOut");
    }

    @Test
    void aFailedOlderDeploymentLeftBehindDoesNotDegradeTheCurrentRollout() {
        Deployment failedEarlier = withReason(deployment(REV_8, RolloutState.FAILED, 0, 1, 0), TASKS_FAILED);

        EcsAppStatus status = build(null, 5, REV_9, T0,
                observed(deployment(REV_9, RolloutState.IN_PROGRESS, 2, 1, 1)).and(failedEarlier).ok());

        assertThat(condition(status, Conditions.DEGRADED).status()).isEqualTo("False");
        assertThat(condition(status, Conditions.PROGRESSING).reason()).isEqualTo("RollingOut");
    }

    @Test
    void theRevisionTheCircuitBreakerStoppedIsRememberedSoTheOperatorDoesNotDeployItAgain() {
        EcsAppStatus rolledBack = build(null, 4, REV_8, T0, observed(ROLLED_BACK_TO_7).ok());

        assertThat(StatusBuilder.stoppedRevision(rolledBack)).contains(REV_8);
    }

    @Test
    void aHealthyAppOrANewOneHasNoStoppedRevision() {
        EcsAppStatus ready = build(null, 4, REV_8, T0, observed(completed(REV_8, 2)).ok());

        assertThat(StatusBuilder.stoppedRevision(ready)).isEmpty();
        assertThat(StatusBuilder.stoppedRevision(null)).isEmpty();
    }
}
