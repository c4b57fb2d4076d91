package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredScaling;

/** A scalable target and its target-tracking policies, in the desired record's shape, with the target's ARN. */
public record ObservedScaling(String scalableTargetArn, DesiredScaling shape) {
}
