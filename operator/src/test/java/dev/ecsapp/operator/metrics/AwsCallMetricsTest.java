package dev.ecsapp.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** A real ECS client against a loopback stub that answers ListClusters, then throttles. */
class AwsCallMetricsTest {

    private HttpServer stub;
    private boolean throttle;
    private final OperatorMetrics metrics = new OperatorMetrics();
    private EcsClient ecs;

    @BeforeEach
    void start() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        stub.createContext("/", exchange -> {
            byte[] body = (throttle ? "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"
                    : "{\"clusterArns\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(throttle ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        ecs = EcsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new AwsCallMetrics(metrics)))
                .build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        stub.stop(0);
    }

    @Test
    void aSuccessfulCallIsCountedByServiceAndOperation() {
        ecs.listClusters();
        ecs.listClusters();

        assertThat(metrics.scrape()).contains(
                "ecsapp_aws_calls_total{operation=\"ListClusters\",outcome=\"ok\",service=\"Ecs\"} 2.0");
    }

    @Test
    void aFailedCallIsCountedWithItsAwsErrorCode() {
        throttle = true;

        assertThatThrownBy(ecs::listClusters).isInstanceOf(EcsException.class);

        assertThat(metrics.scrape()).contains(
                "ecsapp_aws_calls_total{operation=\"ListClusters\",outcome=\"ThrottlingException\",service=\"Ecs\"} 1.0");
    }

    @Test
    void aCallWithNoAnswerIsAClientError() {
        stub.stop(0);

        assertThatThrownBy(ecs::listClusters).isNotNull();

        assertThat(metrics.scrape()).contains(
                "ecsapp_aws_calls_total{operation=\"ListClusters\",outcome=\"client_error\",service=\"Ecs\"} 1.0");
    }
}
