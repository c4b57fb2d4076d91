package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.Rollouts.REV_7;
import static dev.ecsapp.operator.status.Rollouts.REV_8;
import static dev.ecsapp.operator.status.Rollouts.T0;
import static dev.ecsapp.operator.status.Rollouts.build;
import static dev.ecsapp.operator.status.Rollouts.completed;
import static dev.ecsapp.operator.status.Rollouts.condition;
import static dev.ecsapp.operator.status.Rollouts.deployment;
import static dev.ecsapp.operator.status.Rollouts.observed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusReadyTest {

    private static EcsAppStatus statusOf(ReconcileOutcome outcome) {
        return build(null, 3, REV_8, T0, outcome);
    }

    @Test
    void theCurrentRevisionCompletedWithEveryTaskRunningIsReady() {
        EcsAppStatus status = statusOf(observed(completed(REV_8, 2)).ok());

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("True", "Available", "2 of 2 tasks of shop-checkout:8 running");
        assertThat(condition(status, Conditions.PROGRESSING)).extracting(Condition::status, Condition::reason)
                .containsExactly("False", "Available");
        assertThat(condition(status, Conditions.DEGRADED)).extracting(Condition::status, Condition::reason)
                .containsExactly("False", "AsExpected");
    }

    @Test
    void withALoadBalancerEveryTaskHealthyInTheTargetGroupIsReady() {
        EcsAppStatus status = statusOf(observed(completed(REV_8, 2)).targets(2, 0, 0, 0).ok());

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::message)
                .containsExactly("True", "2 of 2 tasks of shop-checkout:8 running, all healthy in the target group");
    }

    static Stream<Arguments> whatKeepsItFromReady() {
        return Stream.of(
                Arguments.of("the service still runs an older revision",
                        observed(completed(REV_7, 2)), "RolloutPending",
                        "the service runs shop-checkout:7; waiting for the deployment of shop-checkout:8 to start"),
                Arguments.of("the rollout is in progress",
                        observed(deployment(REV_8, RolloutState.IN_PROGRESS, 2, 1, 1)).and(completed(REV_7, 2)),
                        "RollingOut", "rolling out shop-checkout:8: 1 of 2 tasks running, 1 pending"),
                Arguments.of("an older deployment still holds tasks",
                        observed(completed(REV_8, 2)).and(deployment(REV_7, RolloutState.COMPLETED, 0, 1, 0)),
                        "OldDeploymentsDraining", "1 older deployment(s) still hold 1 task(s)"),
                Arguments.of("tasks are starting",
                        observed(deployment(REV_8, RolloutState.COMPLETED, 4, 2, 2)),
                        "Scaling", "scaling to 4 tasks: 2 running, 2 pending"),
                Arguments.of("tasks are stopping",
                        observed(deployment(REV_8, RolloutState.COMPLETED, 1, 2, 0)),
                        "Scaling", "scaling to 1 task: 2 running, 0 pending"),
                Arguments.of("tasks are missing and none starts",
                        observed(deployment(REV_8, RolloutState.COMPLETED, 3, 2, 0)),
                        "TasksMissing", "scaling to 3 tasks: 2 running, 0 pending"),
                Arguments.of("a target is unhealthy",
                        observed(completed(REV_8, 2)).targets(1, 1, 0, 0),
                        "WaitingForHealthyTargets",
                        "waiting for 2 healthy target(s): 1 healthy, 1 unhealthy, 0 initial, 0 draining"),
                Arguments.of("a target is still in its initial health checks",
                        observed(completed(REV_8, 2)).targets(1, 0, 1, 0),
                        "WaitingForHealthyTargets",
                        "waiting for 2 healthy target(s): 1 healthy, 0 unhealthy, 1 initial, 0 draining"),
                Arguments.of("an old target is draining",
                        observed(completed(REV_8, 2)).targets(2, 0, 0, 1),
                        "WaitingForHealthyTargets",
                        "waiting for 2 healthy target(s): 2 healthy, 0 unhealthy, 0 initial, 1 draining"));
    }

    @ParameterizedTest(name = "not Ready while {0}")
    @MethodSource("whatKeepsItFromReady")
    void readyIsFalseAndProgressingTrueWithAReasonNamingWhatIsMissing(String situation, Rollouts.Observed observed,
            String reason, String message) {
        EcsAppStatus status = statusOf(observed.ok());

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("False", reason, message);
        assertThat(condition(status, Conditions.PROGRESSING)).extracting(Condition::status, Condition::reason)
                .containsExactly("True", reason);
        assertThat(condition(status, Conditions.DEGRADED).status()).isEqualTo("False");
    }

    @Test
    void beforeAnyRevisionIsRegisteredTheMessageSaysSo() {
        EcsAppStatus status = build(null, 1, null, T0, observed(completed(REV_7, 1)).ok());

        assertThat(condition(status, Conditions.READY)).extracting(Condition::reason, Condition::message)
                .containsExactly("RolloutPending",
                        "the service runs shop-checkout:7; no revision of the current spec is registered yet");
    }

    @Test
    void aWaitingReconcileIsNotReadyEvenWhenTheServiceLooksDone() {
        EcsAppStatus status = statusOf(new ReconcileOutcome.Waiting("waiting for the listener rule",
                Optional.of(observed(completed(REV_8, 2)).get())));

        assertThat(condition(status, Conditions.READY)).extracting(Condition::status, Condition::reason,
                Condition::message).containsExactly("False", "Reconciling", "waiting for the listener rule");
        assertThat(condition(status, Conditions.PROGRESSING).status()).isEqualTo("True");
    }

    @Test
    void theObservationFillsTheAwsFieldsOfTheStatus() {
        EcsAppStatus status = statusOf(observed(deployment(REV_8, RolloutState.IN_PROGRESS, 3, 2, 1)).ok());

        assertThat(status).extracting(EcsAppStatus::desiredCount, EcsAppStatus::runningCount,
                EcsAppStatus::pendingCount, EcsAppStatus::rolloutState, EcsAppStatus::url, EcsAppStatus::resources)
                .containsExactly(3, 2, 1, "IN_PROGRESS", "https://shop.example.com/checkout", Rollouts.RESOURCES);
    }
}
