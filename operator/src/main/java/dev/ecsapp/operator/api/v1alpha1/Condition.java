package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One condition in the Kubernetes convention; types and reasons are in {@link Conditions}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Condition(
        @Required
        @JsonPropertyDescription("Ready, Progressing or Degraded.")
        String type,

        @Required
        @JsonPropertyDescription("True, False or Unknown.")
        String status,

        @JsonPropertyDescription("Why, in one CamelCase word.")
        String reason,

        @JsonPropertyDescription("Why, for a person: what happened and what to do.")
        String message,

        @JsonPropertyDescription("When status last changed (RFC 3339).")
        String lastTransitionTime,

        @JsonPropertyDescription("The metadata.generation this condition was computed from.")
        Long observedGeneration) {
}
