package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredLogGroup;

/** A log group as CloudWatch Logs shows it, in the desired record's shape (retention 0: never expire), with its ARN. */
public record ObservedLogGroup(String arn, DesiredLogGroup shape) {
}
