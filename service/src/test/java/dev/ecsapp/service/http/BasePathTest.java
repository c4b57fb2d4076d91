package dev.ecsapp.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.ServiceUnderTest;
import dev.ecsapp.service.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An app on a shared listener, routed by {@code /orders/*}: the ALB forwards the path unchanged. */
@ExtendWith(VertxExtension.class)
class BasePathTest {

    private ServiceUnderTest running;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        ServiceConfig fromEnvironment = ServiceConfig.fromEnvironment(Map.of(
                "BIND_ADDRESS", ServiceUnderTest.HOST, "PORT", "1", "SERVICE_NAME", "orders", "BASE_PATH", "/orders"));
        ServiceConfig config = new ServiceConfig(ServiceUnderTest.HOST, 0, fromEnvironment.shutdownTimeout(),
                fromEnvironment.drainDelay(), fromEnvironment.logLevel(), fromEnvironment.serviceName(),
                fromEnvironment.versionOverride(), fromEnvironment.basePath());
        running = ServiceUnderTest.start(vertx, config);
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
    void everyPathIsServedUnderTheBasePath() throws Exception {
        assertThat(get("/orders/version").bodyAsJsonObject().getString("version")).isEqualTo("1.2.3");
        assertThat(get("/orders/ready").statusCode()).isEqualTo(200);
        assertThat(get("/orders/health").statusCode()).isEqualTo(200);
        assertThat(get("/orders/metrics").bodyAsString()).contains("route=\"/orders/version\"");
    }

    @Test
    void theBasePathWithOrWithoutASlashGreets() throws Exception {
        assertThat(get("/orders").bodyAsJsonObject().getString("service")).isEqualTo("orders");
        assertThat(get("/orders/").bodyAsJsonObject().getString("service")).isEqualTo("orders");
    }

    @Test
    void theRootPathsStayForTheTargetGroupsHealthCheck() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        assertThat(get("/").bodyAsJsonObject().getString("service")).isEqualTo("orders");
    }

    @Test
    void anotherPrefixIsNotServed() throws Exception {
        assertThat(get("/shop/version").statusCode()).isEqualTo(404);
    }
}
