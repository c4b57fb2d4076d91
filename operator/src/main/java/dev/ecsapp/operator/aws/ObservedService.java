package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredService;

// shape holds what the desired record holds (its initialDesiredCount is the current count: AWS keeps no other); the
// other fields are what only AWS knows.
/** An ECS service as DescribeServices shows it: the desired record's shape, plus ARN, revision, counts, rollout. */
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
