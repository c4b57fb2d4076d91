package dev.ecsapp.sandbox.kubernetes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EcsApp CRD's schema as the own API server applies it: refusals, defaults, pruning and CEL rules. */
class AdmissionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Kind ECSAPP = CustomKinds.kindsOf(read(Path.of("..", "crds", "ecsapps.ecsapp.dev-v1.yml")))
            .get(0);

    private final Admission admission = new Admission(() -> List.of(ECSAPP));

    @Test
    void aPortAboveTheMaximumIsInvalidWithKubeApiserversWording() {
        assertRefused("image: hello:1\ncontainerPort: 70000\n", "FieldValueInvalid", "spec.containerPort",
                "Invalid value: 70000: spec.containerPort in body should be less than or equal to 65535");
    }

    @Test
    void aValueBelowTheMinimumIsInvalid() {
        assertRefused("image: hello:1\ncontainerPort: 0\n", "FieldValueInvalid", "spec.containerPort",
                "Invalid value: 0: spec.containerPort in body should be greater than or equal to 1");
    }

    @Test
    void aValueOutsideTheEnumIsUnsupported() {
        assertRefused("image: hello:1\ndeletionPolicy: Sometimes\n", "FieldValueNotSupported", "spec.deletionPolicy",
                "Unsupported value: \"Sometimes\": supported values: \"Delete\", \"Retain\"");
    }

    @Test
    void aMissingRequiredFieldIsRequired() {
        assertRefused("replicas: 1\n", "FieldValueRequired", "spec.image", "Required value");
    }

    @Test
    void aStringWhereAnIntegerBelongsIsATypeError() {
        assertRefused("image: hello:1\ncontainerPort: eighty\n", "FieldValueTypeInvalid", "spec.containerPort",
                "Invalid value: \"string\": spec.containerPort in body must be of type integer: \"string\"");
    }

    @Test
    void intOrStringTakesBothButNotABoolean() {
        admission.admit(ECSAPP, app("image: hello:1\ncpu: two\nmemory: 512\n"), null, false, "Strict");

        assertRefused("image: hello:1\ncpu: true\n", "FieldValueTypeInvalid", "spec.cpu",
                "Invalid value: \"boolean\": spec.cpu in body must be of type integer or string: \"boolean\"");
    }

    @Test
    void aStringNotMatchingThePatternIsInvalid() {
        assertRefused("image: hello:1\ncluster: 'a b'\n", "FieldValueInvalid", "spec.cluster",
                "Invalid value: \"a b\": spec.cluster in body should match '^[A-Za-z0-9_-]{1,255}$'");
    }

    @Test
    void aStringAboveMaxLengthIsTooLong() {
        assertRefused("image: hello:1\nenv:\n- name: " + "A".repeat(256) + "\n", "FieldValueTooLong",
                "spec.env[0].name", "Too long: may not be more than 255 bytes");
    }

    @Test
    void anEmptyStringBelowMinLengthIsInvalid() {
        assertRefused("image: ''\n", "FieldValueInvalid", "spec.image",
                "Invalid value: \"\": spec.image in body should be at least 1 chars long");
    }

    @Test
    void tooManyItemsAreTooMany() {
        assertRefused("image: hello:1\ncapacityProviders:\n- provider: FARGATE\n- provider: FARGATE\n"
                + "- provider: FARGATE_SPOT\n", "FieldValueTooMany", "spec.capacityProviders",
                "Too many: 3: must have at most 2 items");
    }

    @Test
    void tooFewItemsAreInvalid() {
        assertRefused("image: hello:1\nhealthCheck:\n  command: [CMD]\n", "FieldValueInvalid",
                "spec.healthCheck.command",
                "Invalid value: \"array\": spec.healthCheck.command in body should have at least 2 items");
    }

    @Test
    void everyRefusalIsNamedInOneStatus() {
        assertThatThrownBy(() -> admission.admit(ECSAPP, app("containerPort: 70000\ndeletionPolicy: Never\n"), null,
                false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().path("reason").asText()).isEqualTo("Invalid");
                    assertThat(e.status().path("message").asText()).startsWith("EcsApp.ecsapp.dev \"hello\" is "
                            + "invalid: [").contains("spec.image: Required value")
                            .contains("spec.containerPort: Invalid value: 70000")
                            .contains("spec.deletionPolicy: Unsupported value: \"Never\"");
                    assertThat(e.status().path("details").path("causes")).hasSize(3);
                });
    }

    @Test
    void defaultsAreAppliedAtEveryLevelThatIsPresent() {
        ObjectNode stored = admit("image: hello:1\nloadBalancer:\n  pathPatterns: ['/*']\n"
                + "capacityProviders:\n- provider: FARGATE\n");

        JsonNode spec = stored.path("spec");
        assertThat(spec.path("containerPort").asInt()).isEqualTo(5000);
        assertThat(spec.path("deletionPolicy").asText()).isEqualTo("Delete");
        assertThat(spec.path("logRetentionDays").asInt()).isEqualTo(30);
        assertThat(spec.path("loadBalancer").path("deregistrationDelaySeconds").asInt()).isEqualTo(30);
        assertThat(spec.path("capacityProviders").get(0).path("weight").asInt()).isEqualTo(1);
        assertThat(spec.path("capacityProviders").get(0).path("base").asInt()).isZero();
        assertThat(spec.has("rollout")).as("an absent object without a default stays absent").isFalse();
    }

    @Test
    void unknownFieldsArePrunedWithAWarningByDefault() {
        Admission.Admitted admitted = admission.admit(ECSAPP,
                app("image: hello:1\ncolour: blue\nrollout:\n  speed: fast\n"), null, false, null);

        assertThat(admitted.object().path("spec").has("colour")).isFalse();
        assertThat(admitted.object().path("spec").path("rollout").has("speed")).isFalse();
        assertThat(admitted.warnings()).containsExactly("unknown field \"spec.colour\"",
                "unknown field \"spec.rollout.speed\"");
    }

    @Test
    void unknownFieldsArePrunedSilentlyWithIgnore() {
        Admission.Admitted admitted = admission.admit(ECSAPP, app("image: hello:1\ncolour: blue\n"), null, false,
                "Ignore");

        assertThat(admitted.object().path("spec").has("colour")).isFalse();
        assertThat(admitted.warnings()).isEmpty();
    }

    @Test
    void unknownFieldsAreABadRequestWithStrict() {
        assertThatThrownBy(() -> admission.admit(ECSAPP, app("image: hello:1\ncolour: blue\n"), null, false,
                "Strict"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("EcsApp in version \"v1alpha1\" cannot be handled as a "
                            + "EcsApp: strict decoding error: unknown field \"spec.colour\"");
                });
    }

    @Test
    void mapValuesFollowAdditionalProperties() {
        assertRefused("image: hello:1\ntags:\n  team: 7\n", "FieldValueTypeInvalid", "spec.tags[team]",
                "Invalid value: \"integer\": spec.tags[team] in body must be of type string: \"integer\"");
    }

    @Test
    void celRuleOnSpecRefusesReplicasWithAutoscaling() {
        assertRefused("image: hello:1\nreplicas: 2\nautoscaling:\n  minReplicas: 1\n  maxReplicas: 3\n"
                + "  targetCpuPercent: 50\n", "FieldValueInvalid", "spec",
                "Invalid value: \"object\": set either replicas or autoscaling, not both");
    }

    @Test
    void celRuleWithInRefusesAnUnlistedRetention() {
        assertRefused("image: hello:1\nlogRetentionDays: 2\n", "FieldValueInvalid", "spec",
                "Invalid value: \"object\": logRetentionDays must be one of CloudWatch Logs' values: 1, 3, 5, 7, "
                        + "14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
                        + "3653");
    }

    @Test
    void celRuleWithSizeRefusesALoadBalancerWithoutHostsOrPaths() {
        assertRefused("image: hello:1\nloadBalancer:\n  pathPatterns: []\n", "FieldValueInvalid",
                "spec.loadBalancer", "Invalid value: \"object\": loadBalancer needs pathPatterns, hosts or both");
    }

    @Test
    void celRulesSeeTheDefaults() {
        assertRefused("image: hello:1\nrollout:\n  circuitBreaker: false\n", "FieldValueInvalid", "spec.rollout",
                "Invalid value: \"object\": rollout.rollback needs rollout.circuitBreaker: only a tripped circuit "
                        + "breaker rolls back");
    }

    @Test
    void aStatusWriteIsNotHeldBackBySpecProblemsButChecksTheStatus() {
        ObjectNode stored = app("image: hello:1\n");
        ObjectNode withBadSpec = stored.deepCopy();
        ((ObjectNode) withBadSpec.path("spec")).put("containerPort", 70000);
        withBadSpec.putObject("status").put("runningCount", 2);

        Admission.Admitted admitted = admission.admit(ECSAPP, withBadSpec, stored, true, null);

        assertThat(admitted.object().path("status").path("runningCount").asInt()).isEqualTo(2);
        ObjectNode badStatus = stored.deepCopy();
        badStatus.putObject("status").put("runningCount", "two");
        assertThatThrownBy(() -> admission.admit(ECSAPP, badStatus, stored, true, null))
                .hasMessageContaining("status.runningCount: Invalid value: \"string\"");
    }

    @Test
    void aSpecWriteLeavesTheStatusToTheStatusSubresource() {
        ObjectNode object = app("image: hello:1\n");
        object.putObject("status").put("runningCount", "two");

        assertThat(admission.admit(ECSAPP, object, null, false, null).warnings()).isEmpty();
    }

    @Test
    void aTransitionRuleRunsOnUpdatesOnlyAndMessageExpressionNamesTheValues() {
        Kind kind = kindWith("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size:
                        type: integer
                        x-kubernetes-validations:
                        - rule: self >= oldSelf
                          messageExpression: "'size may only grow, not from ' + string(oldSelf) + ' to ' + string(self)"
                """);
        Admission widgets = new Admission(() -> List.of(kind));
        ObjectNode old = widget(5);

        widgets.admit(kind, widget(1), null, false, null);
        widgets.admit(kind, widget(6), old, false, null);
        assertThatThrownBy(() -> widgets.admit(kind, widget(4), old, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().path("details").path("causes")
                        .get(0).path("message").asText())
                        .isEqualTo("Invalid value: \"integer\": size may only grow, not from 5 to 4"));
    }

    @Test
    void stringFormatsAreCheckedWithKubeApiserversWordingAndUnknownFormatsPass() {
        Kind kind = kindWith("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      id: {type: string, format: uuid}
                      address: {type: string, format: ipv4}
                      network: {type: string, format: cidr}
                      site: {type: string, format: uri}
                      since: {type: string, format: date-time}
                      blob: {type: string, format: byte}
                      code: {type: string, format: some-format-nobody-defines}
                """);
        Admission widgets = new Admission(() -> List.of(kind));
        ObjectNode good = widget(1);
        ((ObjectNode) good.path("spec")).put("id", "0b5e5a0e-3c3a-4a57-9f2e-8a2f0b0c1d2e").put("address", "10.0.1.7")
                .put("network", "10.0.0.0/16").put("site", "https://example.com/x").put("since",
                        "2026-12-04T10:00:00Z").put("blob", "aGVsbG8=").put("code", "anything at all");
        ObjectNode bad = widget(1);
        ((ObjectNode) bad.path("spec")).put("id", "not-a-uuid").put("address", "10.0.1.300").put("network", "10.0.0.0")
                .put("site", "no scheme").put("since", "yesterday").put("blob", "***");

        widgets.admit(kind, good, null, false, "Strict");
        assertThatThrownBy(() -> widgets.admit(kind, bad, null, false, "Strict"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().path("details").path("causes"))
                        .extracting(cause -> cause.path("field").asText() + ": " + cause.path("message").asText())
                        .containsExactlyInAnyOrder(
                                "spec.id: Invalid value: \"not-a-uuid\": spec.id in body must be of type uuid: "
                                        + "\"not-a-uuid\"",
                                "spec.address: Invalid value: \"10.0.1.300\": spec.address in body must be of type "
                                        + "ipv4: \"10.0.1.300\"",
                                "spec.network: Invalid value: \"10.0.0.0\": spec.network in body must be of type "
                                        + "cidr: \"10.0.0.0\"",
                                "spec.site: Invalid value: \"no scheme\": spec.site in body must be of type uri: "
                                        + "\"no scheme\"",
                                "spec.since: Invalid value: \"yesterday\": spec.since in body must be of type "
                                        + "date-time: \"yesterday\"",
                                "spec.blob: Invalid value: \"***\": spec.blob in body must be of type byte: "
                                        + "\"***\""));
    }

    @Test
    void rulesDoNotRunOnAValueThatFailsItsOwnSchema() {
        assertRefused("image: hello:1\nautoscaling:\n  maxReplicas: 3\n  targetCpuPercent: 50\n",
                "FieldValueRequired", "spec.autoscaling.minReplicas", "Required value");
    }

    private void assertRefused(String spec, String reason, String field, String message) {
        assertThatThrownBy(() -> admission.admit(ECSAPP, app(spec), null, false, "Strict"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().path("reason").asText()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).startsWith("EcsApp.ecsapp.dev \"hello\" is invalid: ")
                            .contains(field + ": " + message);
                    assertThat(e.status().path("details").path("causes")).anySatisfy(cause -> {
                        assertThat(cause.path("reason").asText()).isEqualTo(reason);
                        assertThat(cause.path("field").asText()).isEqualTo(field);
                        assertThat(cause.path("message").asText()).isEqualTo(message);
                    });
                });
    }

    private ObjectNode admit(String spec) {
        return admission.admit(ECSAPP, app(spec), null, false, "Strict").object();
    }

    private static ObjectNode app(String spec) {
        ObjectNode app = (ObjectNode) parse("apiVersion: ecsapp.dev/v1alpha1\nkind: EcsApp\nmetadata:\n  name: hello\n"
                + "  namespace: default\n");
        app.set("spec", parse(spec));
        return app;
    }

    private static ObjectNode widget(int size) {
        ObjectNode widget = (ObjectNode) parse("apiVersion: test.ecsapp.dev/v1\nkind: Widget\nmetadata:\n"
                + "  name: first\n");
        widget.putObject("spec").put("size", size);
        return widget;
    }

    private static Kind kindWith(String schema) {
        return new Kind("test.ecsapp.dev", "v1", "widgets", "widget", "Widget", true, List.of(), List.of(), true,
                null, true, List.of(), parse(schema));
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
