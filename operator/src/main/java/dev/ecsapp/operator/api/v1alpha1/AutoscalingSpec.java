package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Target-tracking autoscaling of the service's task count. */
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = AutoscalingSpec.MIN_NOT_ABOVE_MAX)
@ValidationRule(value = "has(self.targetCpuPercent) || has(self.targetMemoryPercent) || has(self.requestsPerTarget)",
        message = AutoscalingSpec.NEEDS_A_TARGET)
public record AutoscalingSpec(
        @Required
        @Min(0)
        @Max(5000)
        @JsonPropertyDescription("Fewest tasks; also the task count when the service is created.")
        Integer minReplicas,

        @Required
        @Min(1)
        @Max(5000)
        @JsonPropertyDescription("Most tasks.")
        Integer maxReplicas,

        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Keep the service's average CPU use near this percentage.")
        Integer targetCpuPercent,

        @Min(1)
        @Max(100)
        @JsonPropertyDescription("Keep the service's average memory use near this percentage.")
        Integer targetMemoryPercent,

        @Min(1)
        @JsonPropertyDescription("Keep the ALB requests per task and minute near this number; needs loadBalancer.")
        Integer requestsPerTarget) {

    public static final String MIN_NOT_ABOVE_MAX = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas";
    public static final String NEEDS_A_TARGET =
            "autoscaling needs at least one target: targetCpuPercent, targetMemoryPercent or requestsPerTarget";
}
