package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredService;

/**
 * An ECS service as DescribeServices shows it: {@code shape} is in the desired record's form for diffing, the rest is
 * what only AWS knows (its ARN, revision, counts and the state of the newest rollout).
 */
public record ObservedService(
        String arn,
        String status,
        String taskDefinitionArn,
        int desiredCount,
        int runningCount,
        String rolloutState,
        String rolloutStateReason,
        DesiredService shape) {

    /** DeleteService was called: ECS stops the tasks, then the service turns INACTIVE. Wait, do not act. */
    public boolean draining() {
        return "DRAINING".equals(status);
    }

    /** The primary deployment reached its desired count with healthy tasks. */
    public boolean rolloutCompleted() {
        return "COMPLETED".equals(rolloutState);
    }

    /** The circuit breaker stopped the primary deployment. */
    public boolean rolloutFailed() {
        return "FAILED".equals(rolloutState);
    }
}
