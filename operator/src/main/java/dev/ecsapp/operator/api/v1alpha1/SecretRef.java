package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An environment variable whose value ECS reads from Secrets Manager or SSM Parameter Store. */
public record SecretRef(
        @Required
        @Size(min = 1, max = 255)
        @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
        @JsonPropertyDescription("Variable name: letters, digits and underscores, not starting with a digit.")
        String name,

        @Required
        @Pattern("^arn:aws[a-z-]*:(secretsmanager|ssm):.+$")
        @JsonPropertyDescription("ARN of the Secrets Manager secret (optionally :json-key:version-stage:version-id) "
                + "or of the SSM parameter. The execution role must be allowed to read it.")
        String valueFrom) {
}
