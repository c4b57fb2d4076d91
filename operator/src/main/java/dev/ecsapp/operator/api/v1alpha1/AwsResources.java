package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Identifiers of the app's AWS resources, as last seen. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsResources(
        @JsonPropertyDescription("ARN of the task definition revision the service runs.")
        String taskDefinitionArn,

        @JsonPropertyDescription("ARN of the ECS service.")
        String serviceArn,

        @JsonPropertyDescription("ARN of the target group.")
        String targetGroupArn,

        @JsonPropertyDescription("ARN of the listener rule.")
        String listenerRuleArn,

        @JsonPropertyDescription("ARN of the CloudWatch log group.")
        String logGroupArn,

        @JsonPropertyDescription("Resource id of the Application Auto Scaling scalable target.")
        String scalableTargetId,

        @JsonPropertyDescription("ARNs of resources the app made that its spec no longer wants (a rule on a listener "
                + "it left, a target group replaced for a new port, a service in a cluster it left); each is deleted "
                + "once nothing uses it.")
        java.util.List<String> retired) {

    public AwsResources {
        retired = retired == null || retired.isEmpty() ? null : java.util.List.copyOf(retired);
    }

    /** The ARNs still to retire, never null. */
    public java.util.List<String> toRetire() {
        return retired == null ? java.util.List.of() : retired;
    }
}
