package dev.ecsapp.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.ecsapp.deploy.RepositoryFiles;
import dev.ecsapp.operator.CrdSchema;
import dev.ecsapp.operator.api.v1alpha1.CapacityProvider;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.validation.EcsAppValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest in deploy/examples (subfolders too) is an EcsApp the committed CRD and the operator's validation
 * accept. Whether they become Ready is the main job's test (demo's MainJobTest), which applies the top-level ones.
 */
class DeployExamplesTest {

    private static final Path EXAMPLES = RepositoryFiles.deploy().resolve("examples");
    private static final Path COMMITTED_CRD = RepositoryFiles.root().resolve("crds").resolve("ecsapps.ecsapp.dev-v1.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What the operator's settings give every app, in the examples' account and region (the sandbox's), as the main
     * job and a Helm install from deploy/terraform's outputs set them.
     */
    private static final OperatorDefaults TEAM_DEFAULTS = new OperatorDefaults("ecsapp", "us-east-1",
            List.of("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"), List.of("sg-0123456789abcdef0"),
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/ecsapp/50dc6c495c0c9188/f2f7dc8efc522ab2",
            "arn:aws:iam::123456789012:role/ecsapp/apps/ecsapp-task-execution", null);
    private static Schema schema;

    @BeforeAll
    static void loadTheCommittedCrdsSchema() throws IOException {
        // As the operator's own schema tests do: OpenAPI 3.0 is closest to draft 4, the x-kubernetes-* keywords
        // validate nothing here, and unknown fields are refused as kubectl's strict validation does.
        Dialect kubernetes = Dialect.builder(Dialects.getDraft4())
                .keyword(new NonValidationKeyword("x-kubernetes-validations"))
                .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
                .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
                .build();
        JsonNode crd = YAML.readTree(COMMITTED_CRD.toFile());
        JsonNode strict = CrdSchema.strict(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
        schema = SchemaRegistry.withDefaultDialect(kubernetes).getSchema(JSON.writeValueAsString(strict),
                InputFormat.JSON);
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void isOneEcsAppTheCrdsSchemaAccepts(Path example) throws IOException {
        JsonNode manifest = YAML.readTree(example.toFile());

        assertThat(manifest.path("apiVersion").asText()).isEqualTo("ecsapp.dev/v1alpha1");
        assertThat(manifest.path("kind").asText()).isEqualTo("EcsApp");
        assertThat(schema.validate(JSON.writeValueAsString(manifest), InputFormat.JSON)).extracting(Error::toString)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void passesTheOperatorsValidationWithATeamsDefaults(Path example) throws IOException {
        EcsApp app = YAML.readValue(example.toFile(), EcsApp.class);

        assertThat(new EcsAppValidator().validate(app.getSpec(), TEAM_DEFAULTS)).isEmpty();
    }

    @Test
    void theExamplesHaveDistinctNames() throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path example : examples()) {
            EcsApp app = YAML.readValue(example.toFile(), EcsApp.class);
            assertThat(seen.add(app.getMetadata().getNamespace() + "/" + app.getMetadata().getName()))
                    .as("%s names an app another example names too", example).isTrue();
        }
    }

    @Test
    void twoAppsShareOneListenerOneRoutedByPathOnlyTheOtherByHostOnly() throws IOException {
        EcsAppSpec byPath = spec("shared-listener-by-path.yaml");
        EcsAppSpec byHost = spec("shared-listener-by-host.yaml");

        assertThat(byPath.loadBalancer().listenerArn()).isEqualTo(byHost.loadBalancer().listenerArn());
        assertThat(byPath.loadBalancer().pathPatterns()).isNotEmpty();
        assertThat(byPath.loadBalancer().hosts()).isEmpty();
        assertThat(byHost.loadBalancer().hosts()).isNotEmpty();
        assertThat(byHost.loadBalancer().pathPatterns()).isEmpty();
    }

    @Test
    void theFullExampleShowsAutoscalingSecretsAContainerHealthCheckAndSpot() throws IOException {
        EcsAppSpec full = spec("full.yaml");

        assertThat(full.autoscaling()).isNotNull();
        assertThat(full.secrets()).isNotEmpty();
        assertThat(full.healthCheck()).isNotNull();
        assertThat(full.capacityProviders()).anySatisfy(item -> assertThat(item.provider())
                .isEqualTo(CapacityProvider.FARGATE_SPOT));
    }

    private static EcsAppSpec spec(String file) throws IOException {
        return YAML.readValue(EXAMPLES.resolve(file).toFile(), EcsApp.class).getSpec();
    }
}
