package dev.ecsapp.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {

    private final AtomicBoolean ready = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        endpoints = new HealthEndpoints("127.0.0.1", 0, ready::get, () -> "ecsapp_apps 1\n");
    }

    @AfterEach
    void stop() {
        endpoints.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAnswersAsLongAsTheProcessDoes() throws Exception {
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIs503UntilTheControllersAreReady() throws Exception {
        assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);

        ready.set(true);

        assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).isEqualTo("ecsapp_apps 1\n");
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        assertThat(send("GET", "/healthzzz").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send("POST", "/healthz");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
