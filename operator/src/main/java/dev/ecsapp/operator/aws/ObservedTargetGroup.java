package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.Ownership;

import dev.ecsapp.operator.desired.DesiredTargetGroup;

/** A target group as ELBv2 shows it, in the desired record's shape, with its ARN and VPC. */
public record ObservedTargetGroup(String arn, String vpcId, DesiredTargetGroup shape) {

    /** The group belongs to the app, by its owner tag. */
    public boolean ownedBy(AppIdentity app) {
        return Ownership.ownedBy(app, shape.tags());
    }

    /** Port, protocol and target type are fixed at creation: a change needs a new target group. */
    public boolean needsReplacementFor(DesiredTargetGroup desired) {
        return shape.port() != desired.port() || !shape.protocol().equals(desired.protocol())
                || !shape.targetType().equals(desired.targetType());
    }
}
