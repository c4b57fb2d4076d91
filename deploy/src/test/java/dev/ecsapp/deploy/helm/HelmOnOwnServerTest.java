package dev.ecsapp.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.ecsapp.deploy.chart.OperatorChart;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code helm install}, {@code helm upgrade} with other values and {@code helm uninstall} of the operator's chart
 * into the sandbox's own Kubernetes API server, with helm-java's embedded Helm (3.16.4, client-go 0.32): after each,
 * the objects a cluster would hold. Helm validates each manifest against the server's OpenAPI v3 (it checks that the
 * server takes {@code fieldValidation}, then leaves validation to it), creates with POST, upgrades with a three-way
 * strategic merge patch (JSON merge patch for the CRD), deletes on uninstall, and keeps each revision in a Secret its
 * typed client writes as protobuf. The tests run in order: each starts from the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmOnOwnServerTest {

    private static final String RELEASE = OperatorChart.RELEASE;
    private static final String NAMESPACE = OperatorChart.NAMESPACE;
    private static final ObjectMapper YAML = new YAMLMapper();
    /** What the upgrade changes: one replica, a slower poll, no PodDisruptionBudget (a one-pod budget blocks drains). */
    private static final Map<String, Object> UPGRADE = Map.of("replicaCount", "1", "polling.whenReady", "30s",
            "podDisruptionBudget.enabled", "false");

    private static KubernetesApi api;
    private static KubernetesClient client;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        api = KubernetesApi.start("127.0.0.1", 0, KubernetesApi.Server.OWN);
        kubeconfig = api.writeKubeconfig(Files.createTempDirectory("helm").resolve("kubeconfig"));
        client = api.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    @Order(1)
    void installCreatesTheCrdEveryTemplateAndTheReleaseSecret() {
        Release release = new Helm(OperatorChart.dir()).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeConfig(kubeconfig).call();

        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(release.getRevision()).isEqualTo("1");
        List<JsonNode> rendered = rendered(Map.of());
        assertThat(rendered).extracting(o -> o.path("kind").asText()).contains("Deployment", "ServiceAccount",
                "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "PodDisruptionBudget");
        assertLiveAsRendered(rendered);
        GenericKubernetesResource crd = crd();
        assertThat(crd).as("the CRD from the chart's crds/").isNotNull();
        assertThat(crd.get("status").toString()).contains("Established");
        assertThat(releaseSecrets()).containsExactly(Map.entry("sh.helm.release.v1." + RELEASE + ".v1", "deployed"));
    }

    @Test
    @Order(2)
    void upgradeWithOtherValuesPatchesChangedObjectsAndDeletesTheDroppedOne() {
        var upgrade = new Helm(OperatorChart.dir()).upgrade().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeConfig(kubeconfig);
        UPGRADE.forEach(upgrade::set);
        Release release = upgrade.call();

        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(release.getRevision()).isEqualTo("2");
        List<JsonNode> rendered = rendered(UPGRADE);
        assertThat(rendered).extracting(o -> o.path("kind").asText()).doesNotContain("PodDisruptionBudget");
        assertLiveAsRendered(rendered);
        JsonNode deployment = live("apps/v1", "Deployment", NAMESPACE, RELEASE);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/template/spec/containers/0/env").toString())
                .contains("{\"name\":\"ECSAPP_POLL_READY\",\"value\":\"30s\"}");
        assertThat(deployment.at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(live("policy/v1", "PodDisruptionBudget", NAMESPACE, RELEASE)).as("the dropped PDB").isNull();
        assertThat(releaseSecrets()).containsExactly(
                Map.entry("sh.helm.release.v1." + RELEASE + ".v1", "superseded"),
                Map.entry("sh.helm.release.v1." + RELEASE + ".v2", "deployed"));
        assertThat(Helm.list().withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call())
                .extracting(Release::getName, Release::getRevision, Release::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RELEASE, "2", "deployed"));
    }

    @Test
    @Order(3)
    void uninstallDeletesTheTemplatesAndTheReleaseButKeepsTheCrd() {
        List<JsonNode> installed = rendered(UPGRADE);

        String out = Helm.uninstall(RELEASE).withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call();

        assertThat(out).contains("release \"" + RELEASE + "\" uninstalled");
        for (JsonNode object : installed) {
            assertThat(live(object)).as(identity(object)).isNull();
        }
        assertThat(releaseSecrets()).isEmpty();
        assertThat(crd()).as("Helm leaves the CRDs of crds/ in place").isNotNull();
        assertThat(Helm.list().withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call()).isEmpty();
    }

    /** {@code helm template} of the chart with the values: the objects the release should consist of. */
    private static List<JsonNode> rendered(Map<String, Object> values) {
        String text = OperatorChart.renderText(values);
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(text)) {
            Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
            documents.forEachRemaining(document -> {
                if (document != null && document.isObject() && document.size() > 0) {
                    objects.add(document);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return objects;
    }

    /** Every rendered object is on the server with every field it was rendered with, lists element by element. */
    private static void assertLiveAsRendered(List<JsonNode> rendered) {
        for (JsonNode object : rendered) {
            JsonNode live = live(object);
            assertThat(live).as(identity(object)).isNotNull();
            List<String> differences = new ArrayList<>();
            contained("", object, live, differences);
            assertThat(differences).as(identity(object) + " on the server:\n" + live.toPrettyString()).isEmpty();
            assertThat(live.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("Helm");
            assertThat(live.at("/metadata/annotations/meta.helm.sh~1release-name").asText()).isEqualTo(RELEASE);
        }
    }

    private static void contained(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + ": " + actual + " instead of " + expected);
                return;
            }
            expected.fields().forEachRemaining(field -> contained(path + "." + field.getKey(), field.getValue(),
                    actual.path(field.getKey()), differences));
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                differences.add(path + ": " + actual + " instead of " + expected);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                contained(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (!expected.isNull() && !expected.equals(actual)
                && !(expected.isNumber() && actual.isNumber() && expected.asDouble() == actual.asDouble())) {
            differences.add(path + ": " + actual + " instead of " + expected);
        }
    }

    private static JsonNode live(JsonNode object) {
        return live(object.path("apiVersion").asText(), object.path("kind").asText(),
                object.at("/metadata/namespace").asText(null), object.at("/metadata/name").asText());
    }

    private static JsonNode live(String apiVersion, String kind, String namespace, String name) {
        var resources = client.genericKubernetesResources(apiVersion, kind);
        GenericKubernetesResource found = namespace == null ? resources.withName(name).get()
                : resources.inNamespace(namespace).withName(name).get();
        return found == null ? null : Serialization.jsonMapper().valueToTree(found);
    }

    private static String identity(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/name").asText();
    }

    private static GenericKubernetesResource crd() {
        return client.genericKubernetesResources("apiextensions.k8s.io/v1", "CustomResourceDefinition")
                .withName("ecsapps.ecsapp.dev").get();
    }

    /** Helm's release Secrets in the namespace, found as Helm finds them (owner=helm, name=release): status each. */
    private static Map<String, String> releaseSecrets() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Secret secret : client.secrets().inNamespace(NAMESPACE).withLabel("owner", "helm")
                .withLabel("name", RELEASE).list().getItems()) {
            assertThat(secret.getType()).isEqualTo("helm.sh/release.v1");
            assertThat(secret.getData()).containsKey("release");
            statuses.put(secret.getMetadata().getName(), secret.getMetadata().getLabels().get("status"));
        }
        return new java.util.TreeMap<>(statuses);
    }
}
