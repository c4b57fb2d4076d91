package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** How ECS replaces tasks in a rolling deployment. */
@ValidationRule(value = "!self.rollback || self.circuitBreaker", message = RolloutSpec.ROLLBACK_NEEDS_CIRCUIT_BREAKER)
public record RolloutSpec(
        @Default("100")
        @Min(0)
        @Max(100)
        @JsonPropertyDescription("Share of the desired tasks that must stay healthy during a rollout, 0-100. "
                + "Default 100.")
        Integer minimumHealthyPercent,

        @Default("200")
        @Min(100)
        @Max(200)
        @JsonPropertyDescription("Most tasks during a rollout, as a share of the desired count, 100-200. Default 200.")
        Integer maximumPercent,

        @Default("true")
        @JsonPropertyDescription("Stop a rollout whose new tasks keep failing. Default true.")
        Boolean circuitBreaker,

        @Default("true")
        @JsonPropertyDescription("Go back to the last working task definition when the circuit breaker stops "
                + "a rollout. "
                + "Default true.")
        Boolean rollback) {

    public static final String ROLLBACK_NEEDS_CIRCUIT_BREAKER =
            "rollout.rollback needs rollout.circuitBreaker: only a tripped circuit breaker rolls back";

    public RolloutSpec {
        minimumHealthyPercent = minimumHealthyPercent == null ? 100 : minimumHealthyPercent;
        maximumPercent = maximumPercent == null ? 200 : maximumPercent;
        circuitBreaker = circuitBreaker == null || circuitBreaker;
        rollback = rollback == null || rollback;
    }
}
