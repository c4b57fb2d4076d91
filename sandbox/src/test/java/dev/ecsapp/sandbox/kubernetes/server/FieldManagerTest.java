package dev.ecsapp.sandbox.kubernetes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field ownership without a server: apply, re-apply, conflicts, force, removal, keyed lists, Update entries. */
class FieldManagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Kind CONFIG_MAP = BuiltInKinds.ALL.stream().filter(k -> k.kind().equals("ConfigMap"))
            .findFirst().orElseThrow();
    private static final Kind DEPLOYMENT = BuiltInKinds.DEPLOYMENT;

    private final FieldManager fields = new FieldManager(Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"),
            ZoneOffset.UTC));

    @Test
    void aFirstApplyCreatesTheObjectWithOneApplyEntryInKubesFormat() {
        ObjectNode applied = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\"}", "{\"app\":\"web\"}"),
                "flux", false, null);

        JsonNode entry = applied.path("metadata").path("managedFields").get(0);
        assertThat(entry.path("manager").asText()).isEqualTo("flux");
        assertThat(entry.path("operation").asText()).isEqualTo("Apply");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(entry.path("time").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.path("fieldsV1")).isEqualTo(json(
                "{\"f:data\":{\"f:a\":{}},\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}"));
        assertThat(applied.path("data").path("a").asText()).isEqualTo("1");
    }

    @Test
    void applyingTheSameConfigurationAgainChangesNothing() {
        ObjectNode first = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\"}", null), "flux", false, null);

        ObjectNode second = fields.apply(CONFIG_MAP, first, configMap("{\"a\":\"1\"}", null), "flux", false, null);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aFieldAnotherManagerOwnsWithAnotherValueIsAConflictNamingManagerAndField() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);

        assertThatThrownBy(() -> fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"2\"}", null), "argo", false,
                null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo(
                            "Apply failed with 1 conflict: conflict with \"flux\" using v1: .data.a");
                    assertThat(e.status().path("details").path("causes").get(0).path("field").asText())
                            .isEqualTo(".data.a");
                });
    }

    @Test
    void twoConflictsAreListedByManager() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);

        assertThatThrownBy(() -> fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"2\",\"b\":\"2\"}", null),
                "argo", false, null))
                .hasMessage("Apply failed with 2 conflicts: conflicts with \"flux\" using v1:\n- .data.a\n- .data.b");
    }

    @Test
    void theSameValueIsSharedWithoutConflict() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\"}", null), "flux", false, null);

        ObjectNode shared = fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"1\"}", null), "argo", false, null);

        assertThat(FieldManager.byManager(shared)).containsOnlyKeys("flux/Apply", "argo/Apply");
    }

    @Test
    void forceTakesTheFieldFromTheOtherManager() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);

        ObjectNode forced = fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"2\"}", null), "argo", true, null);

        assertThat(forced.path("data").path("a").asText()).isEqualTo("2");
        assertThat(FieldManager.byManager(forced).get("flux/Apply")).containsExactly(List.of("f:data", "f:b"));
        assertThat(FieldManager.byManager(forced).get("argo/Apply")).containsExactly(List.of("f:data", "f:a"));
    }

    @Test
    void aFieldTheManagerStopsApplyingGoesWhenNoOtherManagerOwnsIt() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);

        ObjectNode next = fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"1\"}", null), "flux", false, null);

        assertThat(next.path("data").has("b")).isFalse();
    }

    @Test
    void aFieldTheManagerStopsApplyingStaysWhenAnotherManagerOwnsIt() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);
        live = fields.apply(CONFIG_MAP, live, configMap("{\"b\":\"1\"}", null), "argo", false, null);

        ObjectNode next = fields.apply(CONFIG_MAP, live, configMap("{\"a\":\"1\"}", null), "flux", false, null);

        assertThat(next.path("data").path("b").asText()).isEqualTo("1");
    }

    @Test
    void conditionsMergeByTypeAndEachManagerOwnsItsOwn() {
        ObjectNode live = fields.apply(DEPLOYMENT, null, deployment("[]"), "kubectl", false, null);
        ObjectNode ready = fields.apply(DEPLOYMENT, live, deploymentStatus(
                "[{\"type\":\"Ready\",\"status\":\"True\"}]"), "operator", false, "status");

        ObjectNode both = fields.apply(DEPLOYMENT, ready, deploymentStatus(
                "[{\"type\":\"Progressing\",\"status\":\"False\"}]"), "other", false, "status");

        assertThat(both.path("status").path("conditions")).hasSize(2);
        JsonNode operator = entry(both, "operator");
        assertThat(operator.path("subresource").asText()).isEqualTo("status");
        assertThat(operator.path("fieldsV1")).isEqualTo(json("{\"f:status\":{\"f:conditions\":{"
                + "\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{},\"f:status\":{},\"f:type\":{}}}}}"));
    }

    @Test
    void containersMergeByNameAndPortsByContainerPortAndProtocol() {
        ObjectNode live = fields.apply(DEPLOYMENT, null, deployment(
                "[{\"name\":\"app\",\"image\":\"a:1\",\"ports\":[{\"containerPort\":80}]}]"), "kubectl", false, null);

        ObjectNode sidecar = fields.apply(DEPLOYMENT, live, deployment(
                "[{\"name\":\"proxy\",\"image\":\"p:1\"}]"), "mesh", false, null);

        assertThat(sidecar.path("spec").path("template").path("spec").path("containers")).hasSize(2);
        assertThat(FieldManager.byManager(sidecar).get("kubectl/Apply")).contains(List.of("f:spec", "f:template",
                "f:spec", "f:containers", "k:{\"name\":\"app\"}", "f:ports",
                "k:{\"containerPort\":80,\"protocol\":\"TCP\"}", "f:containerPort"));
    }

    @Test
    void anUpdateRecordsTheFieldsItChangedAndTakesThemFromTheApplier() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.path("data")).put("a", "2");
        edited.with("metadata").with("annotations").put("note", "x");

        fields.update(CONFIG_MAP, live, edited, "kubectl-edit", null);

        assertThat(FieldManager.byManager(edited).get("flux/Apply")).containsExactly(List.of("f:data", "f:b"));
        assertThat(FieldManager.byManager(edited).get("kubectl-edit/Update")).containsExactlyInAnyOrder(
                List.of("f:data", "f:a"), List.of("f:metadata", "f:annotations"),
                List.of("f:metadata", "f:annotations", "f:note"));
        assertThat(edited.path("metadata").path("managedFields").get(1).path("fieldsV1")).isEqualTo(json(
                "{\"f:data\":{\"f:a\":{}},\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:note\":{}}}}"));
    }

    @Test
    void aFieldAnUpdateRemovedLeavesEveryManager() {
        ObjectNode live = fields.apply(CONFIG_MAP, null, configMap("{\"a\":\"1\",\"b\":\"1\"}", null), "flux",
                false, null);
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.path("data")).remove("b");

        fields.update(CONFIG_MAP, live, edited, "kubectl-edit", null);

        assertThat(FieldManager.byManager(edited)).containsOnlyKeys("flux/Apply");
        assertThat(FieldManager.byManager(edited).get("flux/Apply")).containsExactly(List.of("f:data", "f:a"));
    }

    @Test
    void anApplyOverAFieldAnUpdateSetIsAConflictWithItsTime() {
        ObjectNode created = configMap("{\"a\":\"1\"}", null);
        fields.update(CONFIG_MAP, null, created, "kubectl-client-side-apply", null);

        assertThatThrownBy(() -> fields.apply(CONFIG_MAP, created, configMap("{\"a\":\"2\"}", null), "kubectl",
                false, null))
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1 at "
                        + "2025-01-02T03:04:05Z: .data.a");
    }

    @Test
    void finalizersAreASet() {
        ObjectNode config = configMap(null, null);
        config.with("metadata").putArray("finalizers").add("ecsapp.dev/finalizer");

        ObjectNode applied = fields.apply(CONFIG_MAP, null, config, "josdk", false, null);

        assertThat(applied.path("metadata").path("managedFields").get(0).path("fieldsV1")).isEqualTo(json(
                "{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"ecsapp.dev/finalizer\\\"\":{}}}}"));
    }

    private static JsonNode entry(JsonNode object, String manager) {
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager)) {
                return entry;
            }
        }
        throw new AssertionError("no entry of " + manager + " in " + object);
    }

    private static ObjectNode configMap(String data, String labels) {
        ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = cm.putObject("metadata").put("name", "settings").put("namespace", "default");
        if (labels != null) {
            metadata.set("labels", json(labels));
        }
        if (data != null) {
            cm.set("data", json(data));
        }
        return cm;
    }

    private static ObjectNode deployment(String containers) {
        return (ObjectNode) json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"default\"},\"spec\":{\"template\":{\"spec\":{\"containers\":" + containers + "}}}}");
    }

    private static ObjectNode deploymentStatus(String conditions) {
        return (ObjectNode) json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"default\"},\"status\":{\"conditions\":" + conditions + "}}");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
