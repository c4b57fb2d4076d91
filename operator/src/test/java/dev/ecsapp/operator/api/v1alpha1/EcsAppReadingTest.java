package dev.ecsapp.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an EcsApp is read from what the API server stores, as the informer reads it: also when it does not fit. */
class EcsAppReadingTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static String stored(String specYaml) {
        try {
            JsonNode spec = YAML.readTree(specYaml);
            return """
                    {"apiVersion":"ecsapp.dev/v1alpha1","kind":"EcsApp","metadata":{"name":"shop","namespace":"web"},\
                    "spec":%s}""".formatted(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a word for a port          | {image: 'shop:1', containerPort: http}                     | spec.containerPort | expected an integer, got "http"
            a number as text           | {image: 'shop:1', containerPort: '8080'}                   | spec.containerPort | expected an integer, got "8080"
            a fraction for a port      | {image: 'shop:1', containerPort: 80.5}                     | spec.containerPort | expected an integer, got 80.5
            a list for an image        | {image: ['shop:1']}                                        | spec.image         | expected a string, got a list
            a number for an image      | {image: 1}                                                 | spec.image         | expected a string, got 1
            a map for env              | {image: 'shop:1', env: {A: '1'}}                           | spec.env           | expected a list, got an object
            text for a flag            | {image: 'shop:1', network: {assignPublicIp: 'yes'}}        | spec.network.assignPublicIp | expected true or false, got "yes"
            an unknown deletion policy | {image: 'shop:1', deletionPolicy: Sometimes}               | spec.deletionPolicy | expected one of Delete, Retain, got "Sometimes"
            an unknown provider        | {image: 'shop:1', capacityProviders: [{provider: FARGATE_X}]} | spec.capacityProviders[0].provider | expected one of FARGATE, FARGATE_SPOT, got "FARGATE_X"
            a list for cpu             | {image: 'shop:1', cpu: [1]}                                | spec.cpu           | expected an integer or a string, got a list
            an empty list item         | {image: 'shop:1', env: [{name: A}, null]}                  | spec.env[1]        | expected an object, got null
            an empty tag value         | {image: 'shop:1', tags: {team: null}}                      | spec.tags[team]    | expected a string, got null
            an object for a field list | {image: 'shop:1', loadBalancer: {hosts: {a: b}}}          | spec.loadBalancer.hosts | expected a list, got an object
            text for the whole spec    | just an image                                              | spec               | expected an object, got "just an image"
            """)
    void aSpecThatDoesNotFitTheModelIsKeptAsWrittenWithTheFieldAndTheFault(String name, String specYaml,
            String field, String problem) {
        EcsApp app = SERIALIZATION.unmarshal(stored(specYaml), EcsApp.class);

        assertThat(app.getSpec()).isNull();
        assertThat(app.unreadableSpec()).hasValueSatisfying(unreadable -> {
            assertThat(unreadable.fieldPath()).isEqualTo(field);
            assertThat(unreadable.problem()).isEqualTo(problem);
        });
        assertThat(app.getMetadata().getName()).isEqualTo("shop");
    }

    @Test
    void anUnknownFieldIsReportedNotDropped() {
        EcsApp app = SERIALIZATION.unmarshal(stored("{image: 'shop:1', loadBalancer: {pathPatterns: [/a], "
                + "hostz: [a.example.com]}}"), EcsApp.class);

        assertThat(app.unreadableSpec()).hasValueSatisfying(unreadable -> {
            assertThat(unreadable.fieldPath()).isEqualTo("spec.loadBalancer.hostz");
            assertThat(unreadable.problem()).startsWith("unknown field; the fields here are "
                    + "deregistrationDelaySeconds, gracePeriodSeconds, healthCheck, hosts,");
        });
    }

    @Test
    void anUnreadableSpecIsWrittenBackAsItWasStoredSoACopyIsUnreadableToo() throws IOException {
        EcsApp app = SERIALIZATION.unmarshal(stored("{image: 'shop:1', containerPort: http, extra: {kept: true}}"),
                EcsApp.class);

        JsonNode written = YAML.readTree(SERIALIZATION.asJson(app));
        EcsApp copy = SERIALIZATION.clone(app);

        assertThat(written.get("spec")).isEqualTo(YAML.readTree("{image: 'shop:1', containerPort: http, "
                + "extra: {kept: true}}"));
        assertThat(copy.unreadableSpec()).isEqualTo(app.unreadableSpec());
    }

    @Test
    void aReadableSpecIsWrittenAsTheModelWithoutTheStoredCopy() throws IOException {
        EcsApp app = SERIALIZATION.unmarshal(stored("{image: 'shop:1', containerPort: 8080}"), EcsApp.class);

        JsonNode written = YAML.readTree(SERIALIZATION.asJson(app));

        assertThat(app.unreadableSpec()).isEmpty();
        assertThat(app.getSpec().containerPort()).isEqualTo(8080);
        assertThat(written.path("spec").path("containerPort").asInt()).isEqualTo(8080);
        assertThat(written.path("spec").path("deletionPolicy").asText()).isEqualTo("Delete");
    }

    @Test
    void anAppWithoutSpecOrStatusIsWrittenWithoutThem() throws IOException {
        EcsApp app = new EcsApp();
        app.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("shop").build());

        JsonNode written = YAML.readTree(SERIALIZATION.asJson(app));

        assertThat(written.has("spec")).isFalse();
        assertThat(written.has("status")).isFalse();
    }

    @Test
    void settingASpecInCodeMakesTheAppReadable() {
        EcsApp app = SERIALIZATION.unmarshal(stored("{image: ['shop:1']}"), EcsApp.class);

        app.setSpec(SERIALIZATION.unmarshal("{\"image\":\"shop:1\"}", EcsAppSpec.class));

        assertThat(app.unreadableSpec()).isEmpty();
        assertThat(app.getSpec().image()).isEqualTo("shop:1");
    }

    @Test
    void statusFieldsOfANewerOperatorAreIgnored() {
        String json = stored("{image: 'shop:1'}").replaceFirst("}$", ",\"status\":{\"observedGeneration\":3,"
                + "\"rolloutPlan\":{\"step\":2},\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"severity\":\"Info\"}],\"resources\":{\"serviceArn\":\"arn:s\",\"bucketArn\":\"arn:b\"},"
                + "\"intent\":{\"action\":\"UpdateService\",\"attempt\":2}}}");

        EcsApp app = SERIALIZATION.unmarshal(json, EcsApp.class);

        assertThat(app.unreadableStatus()).isEmpty();
        assertThat(app.getStatus().observedGeneration()).isEqualTo(3);
        assertThat(app.getStatus().conditions()).singleElement().extracting(Condition::type).isEqualTo("Ready");
        assertThat(app.getStatus().resources().serviceArn()).isEqualTo("arn:s");
        assertThat(app.getStatus().intent().action()).isEqualTo("UpdateService");
    }

    @Test
    void aStatusThatCannotBeReadCountsAsNoneAndIsKeptAsWritten() throws IOException {
        String json = stored("{image: 'shop:1'}").replaceFirst("}$", ",\"status\":{\"runningCount\":\"two\"}}");

        EcsApp app = SERIALIZATION.unmarshal(json, EcsApp.class);

        assertThat(app.getSpec().image()).isEqualTo("shop:1");
        assertThat(app.getStatus()).isNull();
        assertThat(app.unreadableStatus()).hasValueSatisfying(unreadable -> assertThat(unreadable.toString())
                .isEqualTo("status.runningCount: expected an integer, got \"two\""));
        assertThat(YAML.readTree(SERIALIZATION.asJson(app)).path("status").path("runningCount").asText())
                .isEqualTo("two");
    }

    @Test
    void noStoredObjectFailsToRead() {
        assertThatCode(() -> SERIALIZATION.unmarshal(stored("{image: {a: [1, {b: null}]}, cpu: 0.5, env: 7, "
                + "secrets: [[]], tags: [x], rollout: no}"), EcsApp.class)).doesNotThrowAnyException();
    }
}
