package dev.ecsapp.operator.events;

/** What a Kubernetes Event about an app reports; the names are what `kubectl describe ea` shows. */
public enum EventReason {
    /** An AWS resource was created. */
    Created(false),
    /** An AWS resource was changed to match the spec (or to undo drift made outside the operator). */
    Updated(false),
    /** A new task definition revision is rolling out. */
    RolloutStarted(false),
    /** The rollout completed: the new revision runs at the desired count. */
    RolloutCompleted(false),
    /** The deployment circuit breaker stopped the rollout. */
    RolloutFailed(true),
    /** The circuit breaker rolled the service back to the last revision that worked. */
    RolledBack(true),
    /** The app's AWS resources were deleted (or, with deletionPolicy Retain, left as they are). */
    Deleted(false),
    /** The spec cannot be applied as written; the message names the field and the fix. */
    InvalidSpec(true),
    /** AWS refused a request for a reason only a spec change can fix. */
    AwsRejected(true),
    /** A resource the app would use exists and belongs to another app, or to nobody the operator knows. */
    AlreadyOwned(true),
    /** A resource under one of the app's names was not deleted with the app: another app, or nobody, owns it. */
    LeftAlone(true),
    /** The reconcile failed in a way the operator did not expect; it retries with backoff. */
    OperatorError(true),
    /** Deleting the app's AWS resources failed; the EcsApp stays until it succeeds. */
    DeletionBlocked(true);

    private final boolean warning;

    EventReason(boolean warning) {
        this.warning = warning;
    }

    /** Kubernetes' event type: Warning for what a person must look at, Normal otherwise. */
    public String type() {
        return warning ? "Warning" : "Normal";
    }
}
