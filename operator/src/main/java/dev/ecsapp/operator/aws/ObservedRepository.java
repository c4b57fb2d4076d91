package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredRepository;

/** An ECR repository in the desired record's shape (lifecyclePolicy null when it has none), with ARN and URI. */
public record ObservedRepository(String arn, String uri, DesiredRepository shape) {
}
