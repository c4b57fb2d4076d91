package dev.ecsapp.deploy.workflows;

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
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.validation.EcsAppValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The EcsApp the release workflow deploys: one the API server and the operator accept, in the pushed repository. */
class GitOpsManifestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    // What a configured operator supplies: the manifest relies on these, as deploy/examples/minimal.yaml does.
    private static final OperatorDefaults CONFIGURED = new OperatorDefaults("apps", "us-east-1",
            List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"), List.of("sg-0123456789abcdef0"),
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/apps/0123456789abcdef/0123456789abcdef",
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null);

    private final Path manifest = RepositoryFiles.root().resolve(
            Workflows.job(Workflows.RELEASE, "deploy").path("env").path("MANIFEST").asText());

    @Test
    void itMatchesTheCommittedCrdSchema() throws IOException {
        JsonNode crd = YAML.readTree(RepositoryFiles.root().resolve("crds/ecsapps.ecsapp.dev-v1.yml").toFile());
        // Structural schemas are OpenAPI 3.0, close to draft 4; the x-kubernetes-* keywords validate nothing here.
        Dialect kubernetes = Dialect.builder(Dialects.getDraft4())
                .keyword(new NonValidationKeyword("x-kubernetes-validations"))
                .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
                .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
                .build();
        Schema schema = SchemaRegistry.withDefaultDialect(kubernetes).getSchema(
                JSON.writeValueAsString(CrdSchema.strict(crd.at("/spec/versions/0/schema/openAPIV3Schema"))),
                InputFormat.JSON);

        List<Error> errors = schema.validate(JSON.writeValueAsString(YAML.readTree(manifest.toFile())),
                InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void theOperatorFindsNothingWrongWithIt() throws IOException {
        EcsApp app = YAML.readValue(manifest.toFile(), EcsApp.class);

        assertThat(app.getMetadata().getName()).isEqualTo("reference-service");
        assertThat(new EcsAppValidator().validate(app.getSpec(), CONFIGURED)).isEmpty();
    }

    @Test
    void itsImageIsInTheRepositoryTheReleasePushesTheServiceTo() throws IOException {
        String image = YAML.readValue(manifest.toFile(), EcsApp.class).getSpec().image();
        String repository = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));

        assertThat(repository).isEqualTo(releaseServiceRepository());
    }

    /** The default in release.yml's `${{ vars.ECR_SERVICE_REPOSITORY || 'name' }}`. */
    private static String releaseServiceRepository() {
        for (JsonNode image : Workflows.job(Workflows.RELEASE, "images").path("strategy").path("matrix")
                .path("include")) {
            if (image.path("name").asText().equals("service")) {
                Matcher fallback = Pattern.compile("\\|\\|\\s*'([^']+)'").matcher(image.path("repository").asText());
                assertThat(fallback.find()).as("the service repository has a default").isTrue();
                return fallback.group(1);
            }
        }
        throw new AssertionError("release.yml builds no image named service");
    }
}
