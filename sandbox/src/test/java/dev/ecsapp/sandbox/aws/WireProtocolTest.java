package dev.ecsapp.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw HTTP requests, as a broken or foreign client sends them: the answers AWS gives, never a 500. */
class WireProtocolTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20260101/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000";

    private static HttpResponse<String> json(String target, String service, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (service != null) {
            request.header("Authorization", SIGNED.formatted(service));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> query(String service, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", SIGNED.formatted(service))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownJsonOperationIsUnknownOperationException() throws Exception {
        HttpResponse<String> response = json("AmazonEC2ContainerServiceV20141113.LaunchRockets", "ecs", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void anUnknownQueryActionIsInvalidAction() throws Exception {
        HttpResponse<String> response = query("sts", "Action=LaunchRockets&Version=2011-06-15");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>")
                .contains("<Message>The action LaunchRockets is not valid for this web service.</Message>");
    }

    @Test
    void aRequestWithoutSignatureIsRefused() throws Exception {
        HttpResponse<String> response = json("AmazonEC2ContainerServiceV20141113.ListClusters", null, "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
    }

    @Test
    void aRequestSignedForAnotherRegionIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Authorization", SIGNED.formatted("ecs").replace("us-east-1", "eu-west-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("InvalidSignatureException")
                .contains("Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        HttpResponse<String> response = json("AmazonEC2ContainerServiceV20141113.ListClusters", "ecs", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }

    @Test
    void aFieldOfTheWrongTypeIsASerializationException() throws Exception {
        HttpResponse<String> response = json("AmazonEC2ContainerServiceV20141113.ListClusters", "ecs",
                "{\"maxResults\":\"ten\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("SerializationException").contains("maxResults");
    }

    @Test
    void everyAnswerCarriesARequestId() throws Exception {
        HttpResponse<String> response = json("AmazonEC2ContainerServiceV20141113.ListClusters", "ecs", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
    }
}
