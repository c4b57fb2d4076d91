package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;

/** Stored JSON the model cannot read: as it was written, the field path as the user wrote it, and what is wrong. */
public record Unreadable(JsonNode stored, String fieldPath, String problem) {

    @Override
    public String toString() {
        return fieldPath + ": " + problem;
    }
}
