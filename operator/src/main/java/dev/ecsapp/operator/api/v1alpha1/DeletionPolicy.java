package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to the app's AWS resources when the EcsApp is deleted. */
public enum DeletionPolicy {
    @JsonProperty("Delete")
    DELETE,
    @JsonProperty("Retain")
    RETAIN
}
