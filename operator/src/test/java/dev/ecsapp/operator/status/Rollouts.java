package dev.ecsapp.operator.status;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Observations and statuses for the status tests, named after what they show. */
final class Rollouts {

    static final String REV_7 = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-checkout:7";
    static final String REV_8 = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-checkout:8";
    static final String REV_9 = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-checkout:9";
    static final String ROLLBACK_TO_7 = "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/111";
    static final String TASKS_FAILED = "ECS deployment circuit breaker: tasks failed to start.";
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-26T10:05:00Z");
    static final AwsResources RESOURCES = new AwsResources(REV_8,
            "arn:aws:ecs:eu-west-1:123456789012:service/apps/shop-checkout", null, null, null, null, null);

    private Rollouts() {
    }

    static Deployment deployment(String revision, RolloutState state, int desired, int running, int pending) {
        return new Deployment("ecs-svc/" + revision.substring(revision.length() - 1), revision, state,
                Optional.empty(), new TaskCounts(desired, running, pending));
    }

    static Deployment completed(String revision, int tasks) {
        return deployment(revision, RolloutState.COMPLETED, tasks, tasks, 0);
    }

    static Deployment withReason(Deployment deployment, String reason) {
        return new Deployment(deployment.id(), deployment.taskDefinitionArn(), deployment.rolloutState(),
                Optional.of(reason), deployment.tasks());
    }

    static Observed observed(Deployment primary) {
        return new Observed(primary);
    }

    static EcsAppStatus build(EcsAppStatus previous, long generation, String current, Instant now,
            ReconcileOutcome outcome) {
        return new StatusBuilder(previous, generation, current, now).build(outcome);
    }

    static Condition condition(EcsAppStatus status, String type) {
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status));
    }

    /** A RolloutObservation under construction; the service counts follow the primary's unless set. */
    static final class Observed {
        private final Deployment primary;
        private final List<Deployment> others = new ArrayList<>();
        private TargetHealth targets;
        private String stoppedReason;

        private Observed(Deployment primary) {
            this.primary = primary;
        }

        Observed and(Deployment other) {
            others.add(other);
            return this;
        }

        Observed targets(int healthy, int unhealthy, int initial, int draining) {
            targets = new TargetHealth(healthy, unhealthy, initial, draining);
            return this;
        }

        Observed lastStoppedTask(String reason) {
            stoppedReason = reason;
            return this;
        }

        RolloutObservation get() {
            return new RolloutObservation(primary, others, primary.tasks(), Optional.ofNullable(targets),
                    Optional.ofNullable(stoppedReason), "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:2.3.1",
                    "https://shop.example.com/checkout", null, RESOURCES);
        }

        ReconcileOutcome ok() {
            return new ReconcileOutcome.Ok(get());
        }
    }
}
