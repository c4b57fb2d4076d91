package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.TargetHealthCheck;
import java.util.Map;
import java.util.Optional;

// Its VPC is not here: the adapter reads it from the listener's load balancer (a target group must be in its load
// balancer's VPC), since it is a fact of AWS, not of the spec.
/** The ALB target group of the app's tasks (target type ip, as awsvpc requires). */
public record DesiredTargetGroup(
        String name,
        int port,
        String protocol,
        String targetType,
        HealthCheck healthCheck,
        int deregistrationDelaySeconds,
        Map<String, String> tags) {

    /** The HTTP health check of the targets. */
    public record HealthCheck(String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
            int unhealthyThreshold, String matcher) {
    }

    /** The same group under the other of the app's two names (see ResourceNames#replacementTargetGroupName). */
    public DesiredTargetGroup named(String otherName) {
        return otherName.equals(name) ? this : new DesiredTargetGroup(otherName, port, protocol, targetType,
                healthCheck, deregistrationDelaySeconds, tags);
    }

    public static Optional<DesiredTargetGroup> of(AppInput input) {
        LoadBalancerSpec loadBalancer = input.spec().loadBalancer();
        if (loadBalancer == null) {
            return Optional.empty();
        }
        TargetHealthCheck check = loadBalancer.healthCheck();
        HealthCheck healthCheck = new HealthCheck(check.path(), check.intervalSeconds(), check.timeoutSeconds(),
                check.healthyThreshold(), check.unhealthyThreshold(), check.matcher());
        return Optional.of(new DesiredTargetGroup(input.names().targetGroupName(), input.spec().containerPort(),
                "HTTP", "ip", healthCheck, loadBalancer.deregistrationDelaySeconds(), input.tags()));
    }
}
