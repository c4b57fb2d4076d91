package dev.ecsapp.operator.aws;

import java.util.List;

import dev.ecsapp.operator.desired.DesiredListenerRule;

/**
 * The app's listener rule as ELBv2 shows it: the desired record's shape (priority in requestedPriority), its ARN, and
 * every target group its forward action names, in order (two while a replaced target group hands over).
 */
public record ObservedListenerRule(String arn, int priority, DesiredListenerRule shape, List<String> forwardsTo) {

    public ObservedListenerRule {
        forwardsTo = forwardsTo == null ? List.of() : List.copyOf(forwardsTo);
    }
}
