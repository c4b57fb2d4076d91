package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredListenerRule;

/** The app's listener rule as ELBv2 shows it: the desired record's shape (priority in requestedPriority) and ARN. */
public record ObservedListenerRule(String arn, int priority, DesiredListenerRule shape) {
}
