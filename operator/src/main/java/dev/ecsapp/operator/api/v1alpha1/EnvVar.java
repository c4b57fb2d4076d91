package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One plain environment variable of the container. */
public record EnvVar(
        @Required
        @Size(min = 1, max = 255)
        @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
        @JsonPropertyDescription("Variable name: letters, digits and underscores, not starting with a digit.")
        String name,

        @JsonPropertyDescription("Variable value; empty when left out.")
        String value) {

    public EnvVar {
        value = value == null ? "" : value;
    }
}
