package dev.ecsapp.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.service.config.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ServiceConfig withDrainDelay(Duration drainDelay) {
        return new ServiceConfig(ServiceUnderTest.HOST, 0, Duration.ofSeconds(10), drainDelay, Level.INFO,
                "reference-service", Optional.empty(), "");
    }

    /** Status and body of a response, read on the event loop as the response arrives (a body is not kept for later). */
    private record Answer(int status, JsonObject body) {
    }

    private static Future<Answer> answerOf(HttpClientRequest request) {
        return request.response().compose(r -> r.body().map(b -> new Answer(r.statusCode(), b.toJsonObject())));
    }

    /** A request whose body has not finished arriving: in flight from the server's point of view. */
    private static HttpClientRequest startRequestInFlight(HttpClient http) throws Exception {
        HttpClientRequest request = await(http.request(HttpMethod.GET, "/"));
        request.setChunked(true);
        await(request.write("first part of a slow body"));
        return request;
    }

    @Test
    void readinessTurns503AtOnceWhileARequestInFlightStillCompletes(Vertx vertx) throws Exception {
        ServiceUnderTest running = ServiceUnderTest.start(vertx, withDrainDelay(Duration.ofSeconds(5)));
        HttpClient inFlightClient = vertx.createHttpClient(running.httpClientOptions());
        HttpClientRequest inFlight = startRequestInFlight(inFlightClient);
        Future<Answer> inFlightAnswer = answerOf(inFlight);

        Future<Void> shutdown = running.service.shutdown();

        assertThat(running.service.readiness().state()).isEqualTo(Readiness.State.DRAINING);
        var ready = await(running.client().get("/ready").send());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DRAINING"));
        assertThat(await(running.client().get("/health").send()).statusCode())
                .as("liveness stays 200 while draining: the process is healthy, only leaving")
                .isEqualTo(200);
        assertThat(shutdown.isComplete()).isFalse();

        await(inFlight.end("last part"));
        Answer answer = await(inFlightAnswer);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().getString("service")).isEqualTo("reference-service");
        inFlightClient.close();
    }

    @Test
    void shutdownWaitsForTheRequestInFlightThenCompletes(Vertx vertx) throws Exception {
        ServiceUnderTest running = ServiceUnderTest.start(vertx, withDrainDelay(Duration.ZERO));
        HttpClient inFlightClient = vertx.createHttpClient(running.httpClientOptions());
        HttpClientRequest inFlight = startRequestInFlight(inFlightClient);
        Future<Answer> inFlightAnswer = answerOf(inFlight);

        Future<Void> shutdown = running.service.shutdown();
        await(inFlight.end("last part"));

        assertThat(await(inFlightAnswer).status()).isEqualTo(200);
        await(shutdown);
        assertThat(shutdown.succeeded()).isTrue();
        inFlightClient.close();
    }

    @Test
    void aNewConnectionIsRefusedOnceTheListenerClosed(Vertx vertx) throws Exception {
        ServiceUnderTest running = ServiceUnderTest.start(vertx, withDrainDelay(Duration.ZERO));

        await(running.service.shutdown());

        var attempt = running.client().get("/health").send();
        attempt.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        assertThat(attempt.failed()).as("the listener is closed after shutdown").isTrue();
    }
}
