package dev.ecsapp.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.OperatorDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Specs for tests, written as the YAML a user would write, and the defaults a platform team would give. */
public final class Specs {

    public static final String LISTENER_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    public static final String EXECUTION_ROLE_ARN = "arn:aws:iam::123456789012:role/ecsapp-execution";
    public static final OperatorDefaults DEFAULTS = new OperatorDefaults("production", "eu-west-1",
            List.of("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"), List.of("sg-0123456789abcdef0"),
            LISTENER_ARN, EXECUTION_ROLE_ARN, null);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Specs() {
    }

    public static EcsAppSpec spec(String yaml) {
        try {
            return YAML.readValue(yaml, EcsAppSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EcsApp example(String fileName) {
        try {
            return YAML.readValue(Specs.class.getResourceAsStream("/examples/" + fileName), EcsApp.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
