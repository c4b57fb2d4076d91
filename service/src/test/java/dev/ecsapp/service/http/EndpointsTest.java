package dev.ecsapp.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.ServiceUnderTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EndpointsTest {

    private ServiceUnderTest running;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        running = ServiceUnderTest.start(vertx);
        client = running.client();
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void healthAnswersUpWithJson() throws Exception {
        HttpResponse<Buffer> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
    }

    @Test
    void readyAnswers200WhileServing() throws Exception {
        HttpResponse<Buffer> response = get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "SERVING"));
    }

    @Test
    void versionReportsVersionCommitAndBuildTime() throws Exception {
        HttpResponse<Buffer> response = get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                .put("version", "1.2.3")
                .put("commit", "0123456789abcdef0123456789abcdef01234567")
                .put("buildTime", "2026-01-02T03:04:05Z"));
    }

    @Test
    void rootGreetsWithServiceNameVersionAndHost() throws Exception {
        HttpResponse<Buffer> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                .put("service", "reference-service")
                .put("version", "1.2.3")
                .put("host", "test-host"));
    }

    @Test
    void metricsAreInPrometheusTextFormatWithJvmBasics() throws Exception {
        HttpResponse<Buffer> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.bodyAsString())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("jvm_gc_");
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<Buffer> response = client.head("/health").send()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isNull();
    }
}
