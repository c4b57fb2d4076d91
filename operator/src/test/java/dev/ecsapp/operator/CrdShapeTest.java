package dev.ecsapp.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a user of kubectl sees of the CRD: names, columns, the status subresource and field descriptions. */
class CrdShapeTest {

    private static JsonNode crd;

    @BeforeAll
    static void readCrd() throws IOException {
        crd = new ObjectMapper(new YAMLFactory()).readTree(CrdFiles.GENERATED.toFile());
    }

    @Test
    void theKindIsANamespacedEcsAppWithShortNameEa() {
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("EcsApp");
        assertThat(crd.at("/spec/names/plural").asText()).isEqualTo("ecsapps");
        assertThat(crd.at("/spec/names/shortNames/0").asText()).isEqualTo("ea");
        assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
    }

    @Test
    void statusIsASubresourceSoThatSpecWritersCannotOverwriteIt() {
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    }

    @Test
    void kubectlScaleSetsReplicasAndReadsTheRunningCount() {
        assertThat(crd.at("/spec/versions/0/subresources/scale/specReplicasPath").asText()).isEqualTo(".spec.replicas");
        assertThat(crd.at("/spec/versions/0/subresources/scale/statusReplicasPath").asText())
                .isEqualTo(".status.runningCount");
    }

    @Test
    void kubectlGetShowsReadinessImageTaskCountsUrlAndAge() {
        List<String> columns = new ArrayList<>();
        crd.at("/spec/versions/0/additionalPrinterColumns").forEach(column -> columns.add(column.get("name").asText()));

        assertThat(columns).containsExactlyInAnyOrder("READY", "IMAGE", "RUNNING", "DESIRED", "URL", "AGE");
    }

    @Test
    void everyFieldHasADescriptionForKubectlExplain() {
        JsonNode root = CrdFiles.generatedSchema().get("properties");

        assertThat(undescribed(root.get("spec"), "spec")).isEmpty();
        assertThat(undescribed(root.get("status"), "status")).isEmpty();
    }

    private static List<String> undescribed(JsonNode schema, String path) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String field = path + "." + property.getKey();
            if (!property.getValue().has("description")) {
                missing.add(field);
            }
            missing.addAll(undescribed(property.getValue(), field));
            missing.addAll(undescribed(property.getValue().path("items"), field + "[]"));
        }
        return missing;
    }
}
