package dev.ecsapp.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

class ControlApiTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStateDumpShowsResourcesInAwsShapes() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder())) {
            ecs.createCluster(r -> r.clusterName("extra"));
        }

        JsonNode state = JSON.readTree(sandbox.control("GET", "state", ""));

        assertThat(state.path("ecs").path("clusters").findValuesAsText("clusterName")).contains("sandbox", "extra");
        assertThat(state.path("ec2").path("subnets")).hasSize(4);
        assertThat(state.path("time").asText()).isNotEmpty();
    }

    @Test
    void resetForgetsEverythingButTheFoundation() throws Exception {
        try (EcsClient ecs = sandbox.client(EcsClient.builder())) {
            ecs.createCluster(r -> r.clusterName("extra"));

            sandbox.control("POST", "reset", "");

            assertThat(ecs.listClusters().clusterArns()).containsExactly(
                    "arn:aws:ecs:us-east-1:123456789012:cluster/sandbox");
        }
    }

    @Test
    void anInjectedFaultFailsExactlyTheNextCallsAsked() throws Exception {
        sandbox.control("POST", "faults", "{\"service\":\"ecs\",\"action\":\"ListClusters\","
                + "\"errorCode\":\"ServerException\",\"status\":500,\"message\":\"injected\",\"failNext\":1}");
        try (EcsClient ecs = sandbox.client(EcsClient.builder())) {
            // The SDK retries a 500 by itself: the second attempt succeeds, and the call log shows both.
            assertThat(ecs.listClusters().clusterArns()).isNotEmpty();
        }

        JsonNode calls = JSON.readTree(sandbox.control("GET", "calls", ""));
        assertThat(calls.path("ecs").path("ListClusters").path("ServerException").asInt()).isEqualTo(1);
        assertThat(calls.path("ecs").path("ListClusters").path("ok").asInt()).isEqualTo(1);
    }

    @Test
    void aFaultWithoutRetriesLeftReachesTheCaller() throws Exception {
        sandbox.control("POST", "faults", "{\"service\":\"ecs\",\"action\":\"*\",\"errorCode\":"
                + "\"AccessDeniedException\",\"message\":\"not allowed\",\"rate\":1.0}");
        try (EcsClient ecs = sandbox.client(EcsClient.builder())) {
            assertThatThrownBy(ecs::listClusters).isInstanceOfSatisfying(EcsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        }
    }

    @Test
    void timeMovesForwardOnRequest() throws Exception {
        JsonNode before = JSON.readTree(sandbox.control("GET", "time", ""));

        JsonNode after = JSON.readTree(sandbox.control("POST", "time", "{\"advanceSeconds\":3600}"));

        assertThat(java.time.Duration.between(java.time.Instant.parse(before.get("now").asText()),
                java.time.Instant.parse(after.get("now").asText())).toMinutes()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aBadControlRequestIsA400WithAMessage() throws Exception {
        var response = sandbox.controlResponse("POST", "time", "{\"advanceSeconds\":-5}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("advanceSeconds must be from 0");
        assertThat(sandbox.controlResponse("GET", "nowhere", "").statusCode()).isEqualTo(404);
        assertThat(sandbox.controlResponse("POST", "faults", "{broken").statusCode()).isEqualTo(400);
    }
}
