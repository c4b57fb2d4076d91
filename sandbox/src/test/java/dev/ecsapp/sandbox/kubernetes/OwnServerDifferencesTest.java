package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per row of KUBERNETES.md's table of where the sandbox's own API server still differs from
 * kube-apiserver: each shows the difference as it is today, so that closing one makes its test fail and the row go.
 */
class OwnServerDifferencesTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(KubernetesApi.Server.OWN);

    @TempDir
    Path dir;

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp(api.api().url());
    }

    @Test
    void openApiV2IsServedAsJsonOnlyAndAProtobufOnlyAcceptIsNotAcceptable() {
        HttpResponse<String> json = http.get("/openapi/v2");
        HttpResponse<String> protobuf = http.send("GET", "/openapi/v2", "application/json", new byte[0],
                Map.of("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(json).path("swagger").asText()).isEqualTo("2.0");
        assertThat(protobuf.statusCode()).isEqualTo(406);
    }

    @Test
    void builtInKindsSchemasHoldOnlyApiVersionKindAndMetadata() {
        JsonNode core = RawHttp.json(http.get("/openapi/v3/api/v1"));
        JsonNode configMap = core.path("components").path("schemas").path("io.k8s.api.core.v1.ConfigMap");

        assertThat(configMap.path("properties").has("metadata")).isTrue();
        assertThat(configMap.path("properties").has("data")).as("kube-apiserver's ConfigMap schema has data")
                .isFalse();
        Kubectl.Result explain = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir)
                .run("explain", "configmap.data");
        assertThat(explain.exitCode()).isNotZero();
    }

    @Test
    void celOffersTheStandardAndStringsLibrariesOnlySoACrdUsingKubernetesOwnIsRefused() {
        CustomResourceDefinition crd = storedCrd();
        crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getProperties().get("size").setXKubernetesValidations(List.of(
                        new io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder()
                                .withRule("isURL(string(self))").build()));

        assertThatThrownBy(() -> api.client().apiextensions().v1().customResourceDefinitions().resource(crd)
                .update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.versions[0].schema.openAPIV3Schema")
                            .contains("isURL");
                });
    }

    @Test
    void noRatchetingAnInvalidValueStoredBeforeTheSchemaTightenedIsRefusedOnTheNextUpdate() {
        widget("first", 10);
        CustomResourceDefinition crd = storedCrd();
        crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getProperties().get("size").setMaximum(5.0);
        api.client().apiextensions().v1().customResourceDefinitions().resource(crd).update();

        // Only a label changes; kube-apiserver (1.30 and later) lets the unchanged size through.
        assertThatThrownBy(() -> widgets().withName("first").edit(w -> {
            w.getMetadata().setLabels(Map.of("team", "web"));
            return w;
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getMessage())
                .contains("spec.size in body should be less than or equal to 5"));
    }

    @Test
    void aListAtAnExactResourceVersionGetsTheLatestState() {
        GenericKubernetesResource first = widget("first", 1);
        widget("second", 2);

        JsonNode list = RawHttp.json(http.get("/apis/test.ecsapp.dev/v1/namespaces/default/widgets?resourceVersion="
                + first.getMetadata().getResourceVersion() + "&resourceVersionMatch=Exact"));

        // kube-apiserver answers the state at that resourceVersion: the first widget alone.
        assertThat(list.path("items")).hasSize(2);
    }

    @Test
    void aDependentOfAnOwnerThatNeverExistedIsKept() {
        ConfigMap orphan = new ConfigMapBuilder().withMetadata(new ObjectMetaBuilder().withName("orphan")
                .withNamespace("default").addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap")
                .withName("never").withUid("00000000-0000-0000-0000-000000000000").endOwnerReference().build())
                .build();
        api.client().configMaps().resource(orphan).create();

        // kube-controller-manager's collector deletes it once it sees no such owner.
        assertThat(api.client().configMaps().inNamespace("default").withName("orphan").get()).isNotNull();
    }

    @Test
    void managedFieldsSentByAClientAreIgnored() {
        HttpResponse<String> created = http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\",\"managedFields\":"
                        + "[{\"manager\":\"someone\",\"operation\":\"Apply\",\"apiVersion\":\"v1\",\"fieldsType\":"
                        + "\"FieldsV1\",\"fieldsV1\":{\"f:data\":{}}}]},\"data\":{\"a\":\"1\"}}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(RawHttp.json(created).path("metadata").path("managedFields"))
                .extracting(entry -> entry.path("manager").asText()).doesNotContain("someone");
    }

    @Test
    void aWebhookConversionIsServedAsNoneOnlyApiVersionChanges() {
        CustomResourceDefinition crd = storedCrd();
        var v2 = new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder(
                crd.getSpec().getVersions().get(0)).withName("v2").withStorage(false).build();
        crd.getSpec().getVersions().add(v2);
        crd.getSpec().setConversion(new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder()
                .withStrategy("Webhook").withNewWebhook().withConversionReviewVersions("v1").withNewClientConfig()
                .withUrl("https://converter.example.com/convert").endClientConfig().endWebhook().build());
        api.client().apiextensions().v1().customResourceDefinitions().resource(crd).update();
        widget("first", 3);

        JsonNode asV2 = RawHttp.json(http.get("/apis/test.ecsapp.dev/v2/namespaces/default/widgets/first"));

        // kube-apiserver would call the webhook (and fail here: nothing answers at that URL).
        assertThat(asV2.path("apiVersion").asText()).isEqualTo("test.ecsapp.dev/v2");
        assertThat(asV2.path("spec").path("size").asInt()).isEqualTo(3);
    }

    @Test
    void noControllersOrKubeletRunADeploymentAndAPodNeverGetAStatus() {
        api.client().apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata()
                .withName("web").endMetadata().withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("web")
                .withImage("web:1").endContainer().endSpec().endTemplate().endSpec().build()).create();

        assertThat(api.client().apps().deployments().inNamespace("default").withName("web").get().getStatus())
                .satisfiesAnyOf(status -> assertThat(status).isNull(),
                        status -> assertThat(status.getReadyReplicas()).isNull());
        assertThat(api.client().pods().inNamespace("default").list().getItems()).isEmpty();
        api.client().pods().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("web-1").endMetadata().withNewSpec().addNewContainer().withName("web")
                .withImage("web:1").endContainer().endSpec().build()).create();
        assertThat(api.client().pods().inNamespace("default").withName("web-1").get().getStatus())
                .satisfiesAnyOf(status -> assertThat(status).isNull(),
                        status -> assertThat(status.getPhase()).isNull());
    }

    @Test
    void noAuthenticationOrAuthorizationARequestWithoutCredentialsIsServed() {
        HttpResponse<String> secrets = http.get("/api/v1/namespaces/default/secrets");

        // kube-apiserver answers 401 to an anonymous request (or 403 when anonymous access is on but not allowed).
        assertThat(secrets.statusCode()).isEqualTo(200);
    }

    private CustomResourceDefinition storedCrd() {
        return api.client().apiextensions().v1().customResourceDefinitions().withName("widgets.test.ecsapp.dev")
                .get();
    }

    private GenericKubernetesResource widget(String name, int size) {
        GenericKubernetesResource widget = new GenericKubernetesResource();
        widget.setApiVersion("test.ecsapp.dev/v1");
        widget.setKind("Widget");
        widget.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        widget.setAdditionalProperty("spec", Map.of("size", size));
        return widgets().resource(widget).create();
    }

    private io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> widgets() {
        return api.client().genericKubernetesResources("test.ecsapp.dev/v1", "Widget");
    }
}
