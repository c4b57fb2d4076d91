package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

// Rules have no name: the owner tag finds the app's rule. requestedPriority is null when the operator chooses one
// (ListenerRulePriorities).
/** The listener rule forwarding the app's paths and hosts to its target group. */
public record DesiredListenerRule(
        String listenerArn,
        Integer requestedPriority,
        List<String> pathPatterns,
        List<String> hosts,
        String targetGroupName,
        Map<String, String> tags) {

    /** The same rule forwarding to the named target group (one of the app's two; see DesiredService#behind). */
    public DesiredListenerRule forwardingTo(String actualTargetGroupName) {
        return actualTargetGroupName.equals(targetGroupName) ? this : new DesiredListenerRule(listenerArn,
                requestedPriority, pathPatterns, hosts, actualTargetGroupName, tags);
    }

    public static Optional<DesiredListenerRule> of(AppInput input) {
        LoadBalancerSpec loadBalancer = input.spec().loadBalancer();
        if (loadBalancer == null) {
            return Optional.empty();
        }
        // ALB matches a condition's values in any order, so sorting them makes equal rules compare equal.
        return Optional.of(new DesiredListenerRule(input.settings().listenerArn(), loadBalancer.priority(),
                loadBalancer.pathPatterns().stream().sorted().toList(), loadBalancer.hosts().stream().sorted().toList(),
                input.names().targetGroupName(), input.tags()));
    }
}
