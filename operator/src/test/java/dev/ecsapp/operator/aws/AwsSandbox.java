package dev.ecsapp.operator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
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
import software.amazon.awssdk.regions.Region;

// Like the sandbox module's own SandboxExtension (a test class there, so not on this module's class path), but with
// the operator's AwsClients.
/** One in-process sandbox per test class, reset before each test: AwsClients on it, and its control API. */
public final class AwsSandbox implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Sandbox sandbox;
    private AwsClients clients;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path dir = Files.createTempDirectory("operator-aws-test");
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false));
        clients = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()),
                Region.of(sandbox.config().region()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASANDBOX", "sandbox-secret"))));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        control("POST", "reset", "");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.close();
        sandbox.close();
    }

    public AwsClients clients() {
        return clients;
    }

    public String region() {
        return sandbox.config().region();
    }

    public String accountId() {
        return sandbox.account().id();
    }

    /** Moves simulated time forward and applies everything due by then. */
    public void advance(Duration by) throws Exception {
        control("POST", "time", "{\"advanceSeconds\":" + by.toSeconds() + "}");
    }

    /** How many calls of one action succeeded since the last reset. */
    public long successfulCalls(String service, String action) throws Exception {
        return JSON.readTree(control("GET", "calls", "")).path(service).path(action).path("ok").asLong(0);
    }

    /** Every resource the sandbox holds, by service. */
    public JsonNode state() throws Exception {
        return JSON.readTree(control("GET", "state", ""));
    }

    /** Makes the next {@code count} calls of an action fail with an AWS error code. */
    public void failNext(String service, String action, String errorCode, int status, int count) throws Exception {
        control("POST", "faults", JSON.createObjectNode().put("service", service).put("action", action)
                .put("errorCode", errorCode).put("status", status).put("message", "injected by the test")
                .put("failNext", count).toString());
    }

    private String control(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.awsEndpoint() + "/_sandbox/" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("sandbox control " + method + " " + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
