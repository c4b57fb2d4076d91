package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A mutating step announced before it is taken, so that a crash in between is recoverable. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Intent(
        @JsonPropertyDescription("The step, e.g. RegisterTaskDefinition or UpdateService.")
        String action,

        @JsonPropertyDescription("Hash of the desired state the step deploys.")
        String specHash,

        @JsonPropertyDescription("The metadata.generation the step deploys.")
        Long generation) {
}
