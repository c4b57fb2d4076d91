package dev.ecsapp.operator.aws;

import java.util.Set;

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
        Set<String> failedRevisions,
        int deployments,
        DesiredService shape) {

    public ObservedService {
        failedRevisions = failedRevisions == null ? Set.of() : Set.copyOf(failedRevisions);
    }

    /** DeleteService was called: ECS stops the tasks, then the service turns INACTIVE. Wait, do not act. */
    public boolean draining() {
        return "DRAINING".equals(status);
    }

    /** The primary deployment reached its desired count with healthy tasks. */
    public boolean rolloutCompleted() {
        return "COMPLETED".equals(rolloutState);
    }

    /**
     * True when the circuit breaker stopped a deployment of this revision that ECS still lists: rolling it out again
     * would fail again, and with rollback on it would loop (deploy, fail, roll back, deploy ...).
     */
    public boolean stopped(String taskDefinitionArn) {
        return failedRevisions.contains(taskDefinitionArn);
    }

    /**
     * One deployment, COMPLETED, every task running: nothing of an earlier revision or target group is in use any
     * more, so what the app left behind may go.
     */
    public boolean settled() {
        return deployments == 1 && rolloutCompleted() && runningCount == desiredCount;
    }

    /** The service belongs to the app, by its owner tag. */
    public boolean ownedBy(dev.ecsapp.operator.desired.AppIdentity app) {
        return dev.ecsapp.operator.desired.Ownership.ownedBy(app, shape.tags());
    }

    /** The circuit breaker stopped the primary deployment. */
    public boolean rolloutFailed() {
        return "FAILED".equals(rolloutState);
    }
}
