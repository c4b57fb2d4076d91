package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryTest {

    @RegisterExtension
    final RunningApi api = RunningApi.empty();

    @Test
    void theVersionIsOneKubectlAcceptsWithoutASkewWarning() {
        JsonNode version = ok("/version");

        assertThat(version.path("major").asText()).isEqualTo("1");
        assertThat(version.path("minor").asText()).isEqualTo("32");
    }

    @Test
    void theCoreApiHasVersionV1() {
        JsonNode versions = ok("/api");

        assertThat(versions.path("kind").asText()).isEqualTo("APIVersions");
        assertThat(texts(versions.path("versions"))).containsExactly("v1");
    }

    @Test
    void theCoreResourcesAreListedWithScopeShortNamesAndVerbs() {
        JsonNode list = ok("/api/v1");

        assertThat(list.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(list.path("groupVersion").asText()).isEqualTo("v1");
        assertThat(names(list)).containsExactlyInAnyOrder(
                "namespaces", "pods", "services", "configmaps", "secrets", "events", "serviceaccounts");
        JsonNode namespaces = resource(list, "namespaces");
        assertThat(namespaces.path("namespaced").asBoolean()).isFalse();
        assertThat(texts(namespaces.path("shortNames"))).containsExactly("ns");
        assertThat(texts(namespaces.path("verbs")))
                .contains("create", "delete", "get", "list", "patch", "update", "watch");
    }

    @Test
    void theGroupListNamesTheBuiltInGroupsTheOperatorAndKubectlUse() {
        JsonNode groups = ok("/apis");

        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groupVersions(groups)).contains(
                "apiextensions.k8s.io/v1", "coordination.k8s.io/v1", "events.k8s.io/v1", "apps/v1");
    }

    @Test
    void aBuiltInGroupVersionListsItsResources() {
        assertThat(names(ok("/apis/coordination.k8s.io/v1"))).containsExactly("leases");
    }

    @Test
    void aCreatedCrdAddsItsGroupToTheGroupList() {
        TestResources.createWidgetsCrd(api.client());

        assertThat(groupVersions(ok("/apis"))).contains("test.ecsapp.dev/v1");
    }

    @Test
    void aCrdsResourceIsDescribedFromItsDefinition() {
        TestResources.createWidgetsCrd(api.client());

        JsonNode list = ok("/apis/test.ecsapp.dev/v1");

        assertThat(names(list)).containsExactly("widgets", "widgets/status");
        JsonNode widgets = resource(list, "widgets");
        assertThat(widgets.path("singularName").asText()).isEqualTo("widget");
        assertThat(widgets.path("kind").asText()).isEqualTo("Widget");
        assertThat(widgets.path("namespaced").asBoolean()).isTrue();
        assertThat(texts(widgets.path("shortNames"))).containsExactly("wd");
        assertThat(texts(widgets.path("verbs"))).contains("create", "get", "list", "watch", "patch", "delete");
        assertThat(texts(resource(list, "widgets/status").path("verbs")))
                .containsExactlyInAnyOrder("get", "patch", "update");
    }

    @Test
    void aClusterScopedCrdWithoutAStatusSubresourceIsDescribedSo() {
        api.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("gadgets.test.ecsapp.dev").endMetadata()
                .withNewSpec()
                .withGroup("test.ecsapp.dev")
                .withScope("Cluster")
                .withNewNames().withPlural("gadgets").withKind("Gadget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec()
                .build()).create();

        JsonNode gadgets = resource(ok("/apis/test.ecsapp.dev/v1"), "gadgets");

        assertThat(gadgets.path("namespaced").asBoolean()).isFalse();
        assertThat(gadgets.path("singularName").asText()).isEqualTo("gadget");
        assertThat(names(ok("/apis/test.ecsapp.dev/v1"))).containsExactly("gadgets");
    }

    @Test
    void aDeletedCrdLeavesDiscovery() {
        TestResources.createWidgetsCrd(api.client());

        api.client().apiextensions().v1().customResourceDefinitions().withName("widgets.test.ecsapp.dev").delete();

        assertThat(groupVersions(ok("/apis"))).doesNotContain("test.ecsapp.dev/v1");
        assertThat(http().get("/apis/test.ecsapp.dev/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownGroupVersionIsNotFound() {
        assertThat(http().get("/apis/nothing.example.com/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentsAreNotFoundSoKubectlFallsBackToDiscovery() {
        assertThat(http().get("/openapi/v2").statusCode()).isEqualTo(404);
        assertThat(http().get("/openapi/v3").statusCode()).isEqualTo(404);
    }

    @Test
    void discoveryIsServedAsJson() {
        assertThat(http().get("/apis").headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void fabric8SeesACreatedCrdsGroupAsSupported() {
        TestResources.createWidgetsCrd(api.client());

        assertThat(api.client().supports(Widget.class)).isTrue();
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = http().get(path);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return RawHttp.json(response);
    }

    private RawHttp http() {
        return new RawHttp(api.api().url());
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no resource " + name + " in " + list);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("resources").forEach(resource -> names.add(resource.path("name").asText()));
        return names;
    }

    private static List<String> groupVersions(JsonNode groups) {
        List<String> groupVersions = new ArrayList<>();
        groups.path("groups").forEach(group -> group.path("versions")
                .forEach(version -> groupVersions.add(version.path("groupVersion").asText())));
        return groupVersions;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
