package dev.ecsapp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Starts one sandbox (free loopback ports, throttling off unless a test turns it on) for a test class, resets it
 * before each test, and builds real AWS SDK clients pointed at it. Register with
 * {@code @RegisterExtension static SandboxExtension sandbox = new SandboxExtension();}.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private Sandbox sandbox;
    private Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("sandbox-test");
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        control("POST", "reset", "");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public String endpoint() {
        return sandbox.awsEndpoint();
    }

    /** Configures any SDK client builder for the sandbox: endpoint, region, dummy keys, the url-connection client. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(endpoint()))
                .region(Region.of(sandbox.config().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASANDBOX",
                        "sandbox-secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD).build())
                .build();
    }

    /** A call to the control API; returns the body, fails the test on a status other than 200. */
    public String control(String method, String path, String jsonBody) throws Exception {
        HttpResponse<String> response = controlResponse(method, path, jsonBody);
        if (response.statusCode() != 200) {
            throw new AssertionError("control " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    public HttpResponse<String> controlResponse(String method, String path, String jsonBody) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/_sandbox/" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, jsonBody.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Moves simulated time forward and applies everything due. */
    public void advance(Duration by) throws Exception {
        control("POST", "time", "{\"advanceSeconds\":" + by.toMillis() / 1000.0 + "}");
    }
}
