package dev.ecsapp.operator.status;

/** The rolloutState ECS reports for a deployment. */
public enum RolloutState {
    IN_PROGRESS,
    COMPLETED,
    FAILED
}
