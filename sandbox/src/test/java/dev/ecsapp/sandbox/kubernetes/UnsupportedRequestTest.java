package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnsupportedRequestTest {

    private static final String WIDGETS = "/apis/test.ecsapp.dev/v1/namespaces/default/widgets";

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets();

    @Test
    void aProtobufBodyIsRefusedAsAnUnsupportedMediaType() {
        HttpResponse<String> response = http().send("POST", "/api/v1/namespaces",
                "application/vnd.kubernetes.protobuf", new byte[] {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f});

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RawHttp.json(response).path("message").asText()).contains("JSON only");
    }

    @Test
    void theServerKeepsAnsweringAfterAProtobufBody() {
        http().send("POST", "/api/v1/namespaces", "application/vnd.kubernetes.protobuf", new byte[] {0x6b, 0x38});

        assertThat(api.client().namespaces().withName("default").get()).isNotNull();
    }

    @Test
    void aBodyThatIsNotJsonGetsAnErrorStatusAndTheServerKeepsAnswering() {
        HttpResponse<String> response = http().send("POST", WIDGETS, "application/json", bytes("{not json"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(RawHttp.json(response).path("message").asText()).contains("Unexpected character");
        assertThat(api.client().namespaces().withName("default").get()).isNotNull();
    }

    @Test
    void aServerSideApplyIsRefusedAsAnUnsupportedMediaType() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        HttpResponse<String> response = http().send("PATCH", WIDGETS + "/first?fieldManager=kubectl",
                "application/apply-patch+yaml", bytes("spec:\n  size: 2\n"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RawHttp.json(response).path("message").asText()).contains("server-side apply");
    }

    @Test
    void aStrategicMergePatchIsRefusedAsAnUnsupportedMediaType() {
        api.client().resource(Widget.named("default", "first", 1)).create();

        HttpResponse<String> response = http().send("PATCH", WIDGETS + "/first",
                "application/strategic-merge-patch+json", bytes("{\"spec\":{\"size\":2}}"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RawHttp.json(response).path("message").asText()).contains("strategic merge patch");
    }

    @Test
    void aDryRunIsRefusedRatherThanCarriedOut() {
        HttpResponse<String> response = http().send("POST", WIDGETS + "?dryRun=All", "application/json",
                bytes("{\"apiVersion\":\"test.ecsapp.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"first\"}}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.client().resources(Widget.class).inNamespace("default").withName("first").get()).isNull();
    }

    @Test
    void aWatchOverPlainHttpIsRefusedWithAReason() {
        HttpResponse<String> response = http().get(WIDGETS + "?watch=true");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("message").asText()).contains("WebSocket");
    }

    private RawHttp http() {
        return new RawHttp(api.api().url());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
