package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** One entry of the service's capacity provider strategy. */
public record CapacityProviderItem(
        @Required
        @JsonPropertyDescription("FARGATE or FARGATE_SPOT (cheaper, may be interrupted).")
        CapacityProvider provider,

        @Default("1")
        @Min(0)
        @Max(1000)
        @JsonPropertyDescription("Relative share of the tasks beyond the base, 0-1000. Default 1.")
        Integer weight,

        @Default("0")
        @Min(0)
        @Max(100000)
        @JsonPropertyDescription("Tasks placed on this provider first, 0-100000; only one provider may have a base. "
                + "Default 0.")
        Integer base) {

    public CapacityProviderItem {
        weight = weight == null ? 1 : weight;
        base = base == null ? 0 : base;
    }
}
