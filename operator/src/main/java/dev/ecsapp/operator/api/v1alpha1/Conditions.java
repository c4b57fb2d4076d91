package dev.ecsapp.operator.api.v1alpha1;

/** The condition types and reasons an EcsApp reports; the one list of them. */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    /**
     * kstatus's conditions (Flux, kubectl wait, cli-utils): Reconciling=True reads as in progress, Stalled=True as
     * failed, so a terminal failure ends a wait at once instead of at the caller's timeout. Both mirror the three
     * above: Reconciling follows Progressing, Stalled is Degraded when only a change of the spec or the account helps.
     */
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** All tasks of the current task definition run and the load balancer finds them healthy. */
    public static final String REASON_AVAILABLE = "Available";
    /** ECS is replacing tasks with the current task definition. */
    public static final String REASON_ROLLING_OUT = "RollingOut";
    /** An AWS resource is being created or changed and the operator waits for it. */
    public static final String REASON_RECONCILING = "Reconciling";
    /** Terminal: the spec is invalid; the message names the field and the fix. */
    public static final String REASON_INVALID_SPEC = "InvalidSpec";
    /** Terminal until the user acts: AWS refused a request for a reason a retry cannot fix (permissions, limits). */
    public static final String REASON_AWS_REJECTED = "AwsRejected";
    /**
     * Terminal until the user acts: a subnet, security group, listener or cluster the app names (or the operator's
     * default it falls back to) does not exist or does not fit with the others; found by reads before any write.
     */
    public static final String REASON_INVALID_REFERENCE = "InvalidReference";
    /** Transient: AWS failed or throttled; the operator retries with backoff. */
    public static final String REASON_AWS_UNAVAILABLE = "AwsUnavailable";
    /** The deployment circuit breaker stopped the rollout and left it failed: rollback is off. */
    public static final String REASON_ROLLOUT_FAILED = "RolloutFailed";
    /** The deployment circuit breaker stopped the rollout and rolls, or rolled, back to the previous revision. */
    public static final String REASON_CIRCUIT_BREAKER_ROLLED_BACK = "CircuitBreakerRolledBack";
    /** The service still runs an older revision; the deployment of the current one has not started. */
    public static final String REASON_ROLLOUT_PENDING = "RolloutPending";
    /** The current revision is rolled out but deployments of older revisions still hold tasks. */
    public static final String REASON_OLD_DEPLOYMENTS_DRAINING = "OldDeploymentsDraining";
    /** ECS is starting or stopping tasks to reach the desired count. */
    public static final String REASON_SCALING = "Scaling";
    /** All tasks run, but the load balancer does not yet find every one of them healthy. */
    public static final String REASON_WAITING_FOR_HEALTHY_TARGETS = "WaitingForHealthyTargets";
    /** Nothing is wrong: the reason of Degraded=False. */
    public static final String REASON_AS_EXPECTED = "AsExpected";
    /** Fewer tasks run than desired outside a rollout, and none is starting. */
    public static final String REASON_TASKS_MISSING = "TasksMissing";
    /** The requested listener rule priority is held by a rule that is not the app's. */
    public static final String REASON_PRIORITY_TAKEN = "PriorityTaken";
    /** Terminal: the app's rule would match requests another app's rule matches, and neither is more specific. */
    public static final String REASON_RULE_OVERLAP = "RuleOverlap";
    /** Terminal: the operator keeps the requested priority or host for other namespaces. */
    public static final String REASON_NOT_ALLOWED = "NotAllowed";
    /** The EcsApp is being deleted and its AWS resources go with it. */
    public static final String REASON_DELETING = "Deleting";
    /** Terminal: a resource the app would use exists and belongs to another app, or to nobody the operator knows. */
    public static final String REASON_ALREADY_OWNED = "AlreadyOwned";
    /** The reconcile failed in a way the operator did not expect; it retries with backoff. */
    public static final String REASON_OPERATOR_ERROR = "OperatorError";
    /** Deleting the app's AWS resources failed; the EcsApp stays until it succeeds. */
    public static final String REASON_DELETION_BLOCKED = "DeletionBlocked";

    private Conditions() {
    }

    /** Whether the condition of this type is there and True. */
    public static boolean isTrue(java.util.List<Condition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.type()) && TRUE.equals(c.status()));
    }
}
