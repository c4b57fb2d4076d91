package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * One local target's consecutive health check results and the state they add up to: HealthyThresholdCount passes
 * in a row make it healthy, UnhealthyThresholdCount failures in a row unhealthy; until either, a new target stays in
 * initial health checking and a healthy or unhealthy one keeps its state.
 */
final class TargetHealthRecord {

    /** What one check found: passed, or the reason code and description it failed with. */
    record Outcome(boolean passed, String reason, String description) {
        static final Outcome PASSED = new Outcome(true, null, null);

        static Outcome codeMismatch(int status) {
            return new Outcome(false, "Target.ResponseCodeMismatch", "Health checks failed with these codes: ["
                    + status + "]");
        }

        static final Outcome TIMEOUT = new Outcome(false, "Target.Timeout", "Request timed out");
        static final Outcome FAILED = new Outcome(false, "Target.FailedHealthChecks", "Health checks failed");
    }

    private static final TargetHealth INITIAL = TargetHealth.builder().state(LoadBalancerTargets.INITIAL)
            .reason("Elb.InitialHealthChecking").description("Initial health checks in progress").build();
    private static final TargetHealth HEALTHY = TargetHealth.builder().state(LoadBalancerTargets.HEALTHY).build();

    private int passes;
    private int failures;
    private TargetHealth health = INITIAL;
    long nextDueNanos;
    boolean inFlight;

    TargetHealthRecord(long firstDueNanos) {
        this.nextDueNanos = firstDueNanos;
    }

    /** Counts the outcome and answers the health it leaves the target in. */
    TargetHealth add(Outcome outcome, TargetGroup group) {
        if (outcome.passed()) {
            passes++;
            failures = 0;
            if (passes >= group.healthyThresholdCount()) {
                health = HEALTHY;
            }
        } else {
            failures++;
            passes = 0;
            boolean unhealthy = health.stateAsString().equals(LoadBalancerTargets.UNHEALTHY);
            if (unhealthy || failures >= group.unhealthyThresholdCount()) {
                // An unhealthy target shows the reason of its latest failure.
                health = TargetHealth.builder().state(LoadBalancerTargets.UNHEALTHY).reason(outcome.reason())
                        .description(outcome.description()).build();
            }
        }
        return health;
    }
}
