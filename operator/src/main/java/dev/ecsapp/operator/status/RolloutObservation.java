package dev.ecsapp.operator.status;

import dev.ecsapp.operator.api.v1alpha1.AwsResources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one reconcile saw of the running app: the primary deployment, the others ECS holds, the load balancer. */
public record RolloutObservation(
        Deployment primary,
        List<Deployment> others,
        TaskCounts service,
        Optional<TargetHealth> targets,
        Optional<String> lastStoppedTaskReason,
        String image,
        String url,
        String repositoryUri,
        AwsResources resources) {

    public RolloutObservation {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(service, "service");
        // targets is empty when the app has no load balancer; lastStoppedTaskReason is the stoppedReason of the newest
        // stopped task of a failed deployment, when the observer found one.
        others = others == null ? List.of() : List.copyOf(others);
        targets = targets == null ? Optional.empty() : targets;
        lastStoppedTaskReason = lastStoppedTaskReason == null ? Optional.empty() : lastStoppedTaskReason;
    }

    public int deploymentCount() {
        return 1 + others.size();
    }

    public boolean rollbackInProgress() {
        return primary.isCircuitBreakerRollback();
    }

    /** The deployment the circuit breaker stopped: the primary itself when rollback is off, else one of the others. */
    public Optional<Deployment> failedDeployment() {
        if (primary.failed()) {
            return Optional.of(primary);
        }
        return others.stream().filter(Deployment::failed).findFirst();
    }
}
