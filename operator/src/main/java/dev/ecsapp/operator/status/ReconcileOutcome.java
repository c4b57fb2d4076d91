package dev.ecsapp.operator.status;

import dev.ecsapp.operator.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How one reconcile ended, with what it observed where that is meaningful; terminal, transient and waiting apart. */
public sealed interface ReconcileOutcome {

    /** Every step ran; the observation says how far ECS has got. */
    record Ok(RolloutObservation observation) implements ReconcileOutcome {
        public Ok {
            Objects.requireNonNull(observation, "observation");
        }
    }

    /** Not an error: something is under way (a rollout, a resource being created) and the reconcile comes back soon. */
    record Waiting(String message, Optional<RolloutObservation> observation) implements ReconcileOutcome {
        public Waiting {
            Objects.requireNonNull(message, "message");
            observation = observation == null ? Optional.empty() : observation;
        }
    }

    /** AWS failed or throttled; a retry with backoff can fix it, so nothing the user sees should flap. */
    record TransientError(String message) implements ReconcileOutcome {
        public TransientError {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * AWS, or the operator's own rules (ownership, routing), refused for a reason only a spec or account change fixes;
     * the message names the field or the AWS error, the reason is the condition's (AwsRejected, AlreadyOwned, ...).
     */
    record TerminalError(String reason, String message, Optional<RolloutObservation> observation)
            implements ReconcileOutcome {
        public TerminalError {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            observation = observation == null ? Optional.empty() : observation;
        }

        /** AWS refused the request. */
        public TerminalError(String message, Optional<RolloutObservation> observation) {
            this(dev.ecsapp.operator.api.v1alpha1.Conditions.REASON_AWS_REJECTED, message, observation);
        }
    }

    /**
     * The reconcile failed in a way nobody classified: a defect of the operator, or an answer it did not expect. Said
     * in the status (never a stale Ready) and retried with backoff, since the cause may pass.
     */
    record UnexpectedError(String message) implements ReconcileOutcome {
        public UnexpectedError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The validator rejected the spec; no AWS call was made. */
    record InvalidSpec(List<Violation> violations) implements ReconcileOutcome {
        public InvalidSpec {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid spec has at least one violation");
            }
        }
    }

    /** The EcsApp has a deletionTimestamp and its AWS resources are being removed. */
    record Deleting() implements ReconcileOutcome {
    }

    /**
     * Deleting the app's AWS resources failed; the finalizer stays until it succeeds. {@code retrying} tells a failure
     * that may pass (throttling, AWS's faults) from one a person must fix (permissions).
     */
    record DeletionBlocked(String message, boolean retrying) implements ReconcileOutcome {
        public DeletionBlocked {
            Objects.requireNonNull(message, "message");
        }
    }
}
