package dev.ecsapp.operator.status;

import java.util.Objects;
import java.util.Optional;

/** One deployment of the ECS service as ECS describes it, without SDK types. */
public record Deployment(
        String id,
        String taskDefinitionArn,
        RolloutState rolloutState,
        Optional<String> rolloutStateReason,
        TaskCounts tasks) {

    /*
     * ECS writes this prefix into the reason of the deployment it creates to roll back; it is the only signal of a
     * rollback in progress that DescribeServices gives. It is an AWS-defined string, not a free-form error message.
     */
    static final String ROLLBACK_REASON_PREFIX = "ECS deployment circuit breaker: rolling back to deploymentId";

    public Deployment {
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(rolloutState, "rolloutState");
        Objects.requireNonNull(tasks, "tasks");
        rolloutStateReason = rolloutStateReason == null ? Optional.empty() : rolloutStateReason;
    }

    /** True for the deployment ECS creates when the circuit breaker rolls back a failed one. */
    public boolean isCircuitBreakerRollback() {
        return rolloutStateReason.filter(reason -> reason.startsWith(ROLLBACK_REASON_PREFIX)).isPresent();
    }

    public boolean failed() {
        return rolloutState == RolloutState.FAILED;
    }
}
