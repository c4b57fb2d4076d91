package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

// Rules have no name: the owner tag finds the app's rule. requestedPriority is null when the operator chooses one
// (ListenerRulePriorities). asWritten keeps the spec's order, which ALB ignores, so that a refusal can name the field
// (spec.loadBalancer.pathPatterns[1]) the user wrote.
/** The listener rule forwarding the app's paths and hosts to its target group. */
public record DesiredListenerRule(
        String listenerArn,
        Integer requestedPriority,
        List<String> pathPatterns,
        List<String> hosts,
        String targetGroupName,
        Map<String, String> tags,
        RuleConditions asWritten) {

    /** The same rule forwarding to the named target group (one of the app's two; see DesiredService#behind). */
    public DesiredListenerRule forwardingTo(String actualTargetGroupName) {
        return actualTargetGroupName.equals(targetGroupName) ? this : new DesiredListenerRule(listenerArn,
                requestedPriority, pathPatterns, hosts, actualTargetGroupName, tags, asWritten);
    }

    public static Optional<DesiredListenerRule> of(AppInput input) {
        LoadBalancerSpec loadBalancer = input.spec().loadBalancer();
        if (loadBalancer == null) {
            return Optional.empty();
        }
        // ALB matches a condition's values in any order, so sorting them makes equal rules compare equal.
        return Optional.of(new DesiredListenerRule(input.settings().listenerArn(), loadBalancer.priority(),
                loadBalancer.pathPatterns().stream().sorted().toList(), loadBalancer.hosts().stream().sorted().toList(),
                input.names().targetGroupName(), input.tags(),
                new RuleConditions(loadBalancer.pathPatterns(), loadBalancer.hosts())));
    }

    /** The paths and hosts, sorted. */
    public RuleConditions conditions() {
        return new RuleConditions(pathPatterns, hosts);
    }
}
