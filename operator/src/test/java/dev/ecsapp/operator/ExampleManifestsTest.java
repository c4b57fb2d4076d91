package dev.ecsapp.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExampleManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = CrdSchema.strictValidator(CrdFiles.generatedSchema());
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "full.yaml", "worker.yaml"})
    void everyExampleManifestMatchesTheCrdSchema(String example) throws IOException {
        assertThat(errors(YAML.readTree(resource(example)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "full.yaml", "worker.yaml"})
    void everyExampleManifestReadsAsAnEcsApp(String example) throws IOException {
        EcsApp app = YAML.readValue(resource(example), EcsApp.class);

        assertThat(app.getSpec().image()).startsWith("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/");
        assertThat(app.getMetadata().getNamespace()).isEqualTo("shop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "full.yaml", "worker.yaml"})
    void anEcsAppWrittenAsTheApiServerWouldAndReadBackIsEqual(String example) throws IOException {
        EcsApp app = YAML.readValue(resource(example), EcsApp.class);

        KubernetesSerialization serialization = new KubernetesSerialization();
        EcsApp readBack = serialization.unmarshal(serialization.asJson(app), EcsApp.class);

        assertThat(readBack.getSpec()).isEqualTo(app.getSpec());
    }

    @Test
    void aManifestWithoutImageIsRejected() throws IOException {
        assertThat(errors(YAML.readTree("spec: {replicas: 2}"))).singleElement().asString().contains("image");
    }

    @Test
    void aMisspelledFieldIsRejected() throws IOException {
        assertThat(errors(YAML.readTree("spec: {image: shop:1, replica: 2}"))).singleElement().asString()
                .contains("replica");
    }

    @Test
    void anUnknownDeletionPolicyIsRejected() throws IOException {
        assertThat(errors(YAML.readTree("spec: {image: shop:1, deletionPolicy: Orphan}"))).singleElement().asString()
                .contains("deletionPolicy");
    }

    @Test
    void aPortOutOfRangeIsRejected() throws IOException {
        assertThat(errors(YAML.readTree("spec: {image: shop:1, containerPort: 70000}"))).singleElement().asString()
                .contains("containerPort");
    }

    @Test
    void cpuMayBeANumberOrAString() throws IOException {
        assertThat(errors(YAML.readTree("spec: {image: shop:1, cpu: 512, memory: '1 GB'}"))).isEmpty();
        assertThat(errors(YAML.readTree("spec: {image: shop:1, cpu: '512', memory: 1024}"))).isEmpty();
    }

    private static List<String> errors(JsonNode manifest) throws IOException {
        return schema.validate(JSON.writeValueAsString(manifest), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static InputStream resource(String example) {
        return ExampleManifestsTest.class.getResourceAsStream("/examples/" + example);
    }
}
