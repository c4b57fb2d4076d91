package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.kubernetes.server.ApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the sandbox's own API server does that the mock never did: kube-apiserver's refusals, selectors, watch. */
class OwnServerTest {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private ApiServer server;
    private KubernetesClient client;
    private RawHttp http;

    @BeforeEach
    void start() {
        // A window of 5 changes and bookmarks every 200 ms: enough to see 410 Gone and a bookmark in a test.
        server = ApiServer.start("127.0.0.1", 0, new ApiServer.Options(5, Duration.ofMillis(200), 100));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Kubeconfig.forServer(server.url())))
                .build();
        http = new RawHttp(server.url());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void anUpdateFromAStaleResourceVersionIsAConflictWordedAsKubeApiserverWordsIt() {
        ConfigMap created = client.resource(configMap("settings", Map.of("a", "1"))).create();
        client.configMaps().inNamespace("default").withName("settings").edit(cm -> {
            cm.getData().put("a", "2");
            return cm;
        });
        created.getData().put("a", "3");

        KubernetesClientException refused = refusal(() -> client.resource(created).update());

        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(refused.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps "
                + "\"settings\": the object has been modified; please apply your changes to the latest version "
                + "and try again");
        assertThat(refused.getStatus().getDetails().getKind()).isEqualTo("configmaps");
    }

    @Test
    void anObjectInANamespaceThatDoesNotExistIsNotFound() {
        ConfigMap elsewhere = configMap("settings", Map.of());
        elsewhere.getMetadata().setNamespace("nowhere");

        KubernetesClientException refused = refusal(() -> client.resource(elsewhere).create());

        assertThat(refused.getCode()).isEqualTo(404);
        assertThat(refused.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        assertThat(refused.getStatus().getDetails().getName()).isEqualTo("nowhere");
    }

    @Test
    void creatingTwiceIsAlreadyExists() {
        client.resource(configMap("settings", Map.of())).create();

        KubernetesClientException refused = refusal(() -> client.resource(configMap("settings", Map.of())).create());

        assertThat(refused.getCode()).isEqualTo(409);
        assertThat(refused.getStatus().getReason()).isEqualTo("AlreadyExists");
        assertThat(refused.getStatus().getMessage()).isEqualTo("configmaps \"settings\" already exists");
    }

    @Test
    void aSetBasedLabelSelectorPicksTheMatchingObjects() {
        for (String tier : List.of("web", "db", "cache")) {
            ConfigMap map = configMap(tier, Map.of());
            map.getMetadata().setLabels(Map.of("tier", tier));
            client.resource(map).create();
        }

        List<ConfigMap> picked = client.configMaps().inNamespace("default")
                .withLabelSelector("tier in (web,cache),tier!=db").list().getItems();

        assertThat(picked).extracting(cm -> cm.getMetadata().getName()).containsExactly("cache", "web");
    }

    @Test
    void aFieldSelectorOnTheInvolvedObjectPicksItsEvents() {
        for (String app : List.of("hello", "other")) {
            client.resource(new EventBuilder().withNewMetadata().withName(app + ".1").withNamespace("default")
                    .endMetadata().withNewInvolvedObject().withKind("EcsApp").withName(app).withNamespace("default")
                    .endInvolvedObject().withReason("Created").build()).create();
        }

        List<io.fabric8.kubernetes.api.model.Event> events = client.v1().events().inNamespace("default")
                .withField("involvedObject.name", "hello").list().getItems();

        assertThat(events).extracting(e -> e.getMetadata().getName()).containsExactly("hello.1");
    }

    @Test
    void aListPagesWithLimitAndContinue() {
        for (String name : List.of("a", "b", "c")) {
            client.resource(configMap(name, Map.of())).create();
        }

        JsonNode first = RawHttp.json(http.get("/api/v1/namespaces/default/configmaps?limit=2"));
        String token = first.path("metadata").path("continue").asText();
        JsonNode second = RawHttp.json(http.get("/api/v1/namespaces/default/configmaps?limit=2&continue=" + token));

        assertThat(first.path("items").findValuesAsText("name")).containsExactly("a", "b");
        assertThat(first.path("metadata").path("remainingItemCount").asInt()).isEqualTo(1);
        assertThat(second.path("items").findValuesAsText("name")).containsExactly("c");
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
                .create();
        ConfigMap inside = configMap("settings", Map.of());
        inside.getMetadata().setNamespace("apps");
        client.resource(inside).create();

        client.namespaces().withName("apps").delete();

        assertThat(client.namespaces().withName("apps").get()).isNull();
        assertThat(client.configMaps().inNamespace("apps").withName("settings").get()).isNull();
    }

    @Test
    void aNamespaceWhoseContentHasAFinalizerStaysTerminatingAndRefusesNewContent() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
                .create();
        ConfigMap held = configMap("held", Map.of());
        held.getMetadata().setNamespace("apps");
        held.getMetadata().setFinalizers(List.of("test.ecsapp.dev/hold"));
        client.resource(held).create();
        client.namespaces().withName("apps").delete();
        ConfigMap late = configMap("late", Map.of());
        late.getMetadata().setNamespace("apps");

        KubernetesClientException refused = refusal(() -> client.resource(late).create());

        assertThat(client.namespaces().withName("apps").get().getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(refused.getCode()).isEqualTo(403);
        client.configMaps().inNamespace("apps").withName("held").edit(cm -> {
            cm.getMetadata().setFinalizers(List.of());
            return cm;
        });
        assertThat(client.namespaces().withName("apps").get()).isNull();
    }

    @Test
    void aWatchFromAResourceVersionOlderThanTheWindowEndsWithGone() {
        for (int i = 0; i < 10; i++) {
            client.resource(configMap("m" + i, Map.of())).create();
        }

        HttpResponse<String> watch = http.get("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=2");

        JsonNode event = RawHttp.json(watch);
        assertThat(event.path("type").asText()).isEqualTo("ERROR");
        assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
        assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
        assertThat(event.path("object").path("message").asText()).startsWith("too old resource version: 2 (");
    }

    @Test
    void aWatchFromARecentResourceVersionReplaysTheChangesAfterItThenBookmarks() {
        String from = client.resource(configMap("a", Map.of())).create().getMetadata().getResourceVersion();
        client.resource(configMap("b", Map.of())).create();

        List<String> lines = stream("/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=true"
                + "&timeoutSeconds=1&resourceVersion=" + from);

        assertThat(lines.get(0)).contains("\"type\":\"ADDED\"").contains("\"name\":\"b\"");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("{\"type\":\"BOOKMARK\""));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("\"name\":\"a\""));
    }

    @Test
    void aWatchOverWebSocketGetsOneEventAMessageAndAnUnknownResourceFailsTheHandshake() throws Exception {
        java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpClient jdk = HttpClient.newHttpClient();
        java.net.URI socketUrl = java.net.URI.create(server.url().toString().replaceFirst("^http", "ws")
                + "/api/v1/namespaces/default/configmaps?watch=true");
        java.net.http.WebSocket socket = jdk.newWebSocketBuilder().buildAsync(socketUrl,
                new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                            CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            client.resource(configMap("a", Map.of())).create();
            client.resource(configMap("b", Map.of())).create();

            String first = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            String second = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"a\"").doesNotContain("\n");
            assertThat(second).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"b\"");
        } finally {
            socket.abort();
        }

        java.util.concurrent.CompletableFuture<java.net.http.WebSocket> refused = jdk.newWebSocketBuilder()
                .buildAsync(java.net.URI.create(server.url().toString().replaceFirst("^http", "ws")
                        + "/api/v1/namespaces/default/nothings?watch=true"), new java.net.http.WebSocket.Listener() {
                        });
        // The JDK client reports a refused handshake by its status code.
        assertThat(refused).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().withMessageContaining("status code 404");
    }

    @Test
    void aWatchWithInitialEventsEndsThemWithAnAnnotatedBookmark() {
        client.resource(configMap("a", Map.of())).create();

        List<String> lines = stream("/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true"
                + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");

        assertThat(lines.get(0)).contains("\"type\":\"ADDED\"").contains("\"name\":\"a\"");
        assertThat(lines.get(1)).startsWith("{\"type\":\"BOOKMARK\"").contains("k8s.io/initial-events-end");
    }

    @Test
    void openApiV2HoldsTheCrdsSchemaInSwaggersWordsWithEveryReferenceResolved() throws IOException {
        client.apiextensions().v1().customResourceDefinitions()
                .load(Files.newInputStream(TestResources.ECSAPP_CRD)).create();

        HttpResponse<String> response = http.get("/openapi/v2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode swagger = RawHttp.json(response);
        assertThat(swagger.path("swagger").asText()).isEqualTo("2.0");
        JsonNode ecsApp = swagger.path("definitions").path("dev.ecsapp.v1alpha1.EcsApp");
        assertThat(ecsApp.path("properties").path("spec").path("properties").path("image").path("type").asText())
                .isEqualTo("string");
        assertThat(ecsApp.path("x-kubernetes-group-version-kind").get(0).path("kind").asText()).isEqualTo("EcsApp");
        JsonNode patch = swagger.path("paths").path("/apis/ecsapp.dev/v1alpha1/namespaces/{namespace}/ecsapps/{name}")
                .path("patch");
        assertThat(patch.path("consumes")).extracting(JsonNode::asText).contains("application/merge-patch+json");
        assertThat(patch.path("parameters")).anySatisfy(p -> assertThat(p.path("in").asText()).isEqualTo("body"));
        assertThat(patch.path("parameters")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("fieldValidation");
            assertThat(p.path("type").asText()).isEqualTo("string");
        });
        List<String> refs = swagger.findValuesAsText("$ref");
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/definitions/");
            assertThat(swagger.path("definitions").has(ref.substring("#/definitions/".length()))).as(ref).isTrue();
        });
        assertThat(swagger.findValues("nullable")).as("v2 has no nullable").isEmpty();
        assertThat(swagger.findValues("anyOf")).as("v2 has no anyOf").isEmpty();
    }

    @Test
    void aTableOfEcsAppsHasTheCrdsPrinterColumnsFilledFromTheStatus() throws IOException {
        client.apiextensions().v1().customResourceDefinitions()
                .load(Files.newInputStream(TestResources.ECSAPP_CRD)).create();
        client.genericKubernetesResources("ecsapp.dev/v1alpha1", "EcsApp").inNamespace("default")
                .resource(ecsApp()).create();
        client.genericKubernetesResources("ecsapp.dev/v1alpha1", "EcsApp").inNamespace("default")
                .withName("hello").editStatus(app -> {
                    app.setAdditionalProperty("status", Map.of("image", "hello:1", "desiredCount", 2,
                            "runningCount", 1, "url", "http://alb/hello",
                            "conditions", List.of(Map.of("type", "Ready", "status", "False"))));
                    return app;
                });

        JsonNode table = RawHttp.json(send(HttpRequest.newBuilder(
                server.url().resolve("/apis/ecsapp.dev/v1alpha1/namespaces/default/ecsapps"))
                .header("Accept", TABLE).build()));

        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "AGE", "READY", "DESIRED", "IMAGE", "RUNNING", "URL");
        JsonNode cells = table.path("rows").path(0).path("cells");
        assertThat(cells.get(0).asText()).isEqualTo("hello");
        assertThat(cells.get(1).asText()).matches("\\d+s");
        assertThat(cells.get(2).asText()).isEqualTo("False");
        assertThat(cells.get(3).asInt()).isEqualTo(2);
        assertThat(cells.get(4).asText()).isEqualTo("hello:1");
        assertThat(cells.get(5).asInt()).isEqualTo(1);
        assertThat(cells.get(6).asText()).isEqualTo("http://alb/hello");
    }

    @Test
    void aggregatedDiscoveryListsTheGroupsWithTheirResources() {
        JsonNode list = RawHttp.json(send(HttpRequest.newBuilder(server.url().resolve("/apis"))
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                        + "application/json").build()));

        assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(list.path("items").findValuesAsText("name")).contains("apps", "coordination.k8s.io",
                "rbac.authorization.k8s.io", "apiextensions.k8s.io");
        assertThat(list.path("items").findValuesAsText("resource")).contains("deployments", "leases", "roles");
    }

    private static io.fabric8.kubernetes.api.model.GenericKubernetesResource ecsApp() {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource app =
                new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        app.setApiVersion("ecsapp.dev/v1alpha1");
        app.setKind("EcsApp");
        app.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("hello")
                .withNamespace("default").build());
        app.setAdditionalProperty("spec", Map.of("image", "hello:1"));
        return app;
    }

    private List<String> stream(String path) {
        return send(HttpRequest.newBuilder(server.url().resolve(path)).build()).body().lines().toList();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(new java.util.HashMap<>(data)).build();
    }

    private static KubernetesClientException refusal(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            return e;
        }
        throw new AssertionError("the call succeeded; a refusal was expected");
    }
}
