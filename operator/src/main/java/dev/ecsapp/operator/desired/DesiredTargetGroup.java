package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.TargetHealthCheck;
import java.util.Map;
import java.util.Optional;

/**
 * The ALB target group of the app's tasks (target type ip, as awsvpc requires). Its VPC is not here: the adapter
 * reads it from the subnets, since it is a fact of AWS, not of the spec.
 */
public record DesiredTargetGroup(
        String name,
        int port,
        String protocol,
        String targetType,
        TargetHealthCheck healthCheck,
        int deregistrationDelaySeconds,
        Map<String, String> tags) {

    public static Optional<DesiredTargetGroup> of(AppInput input) {
        LoadBalancerSpec loadBalancer = input.spec().loadBalancer();
        if (loadBalancer == null) {
            return Optional.empty();
        }
        return Optional.of(new DesiredTargetGroup(input.names().targetGroupName(), input.spec().containerPort(),
                "HTTP", "ip", loadBalancer.healthCheck(), loadBalancer.deregistrationDelaySeconds(), input.tags()));
    }
}
