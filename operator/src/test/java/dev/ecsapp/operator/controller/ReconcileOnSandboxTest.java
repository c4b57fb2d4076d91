package dev.ecsapp.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The operator in-process against the whole sandbox (its Kubernetes API and its AWS), reconciling until stable:
 * create to Ready, an image bump to one new revision, delete leaving nothing behind. Simulated time runs 60 times
 * faster than real time, so a rollout with health checks and deregistration delays takes seconds.
 */
class ReconcileOnSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static KubernetesClient kubernetes;
    private static EcsAppOperator operator;
    private static AwsClients aws;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("operator-it");
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false));
        control("POST", "time", "{\"speed\":60}");
        kubernetes = sandbox.kubernetes().client();
        try (InputStream crd = Files.newInputStream(Path.of(System.getProperty("user.dir")).resolveSibling("crds")
                .resolve("ecsapps.ecsapp.dev-v1.yml"))) {
            kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        aws = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOPERATOR", "x"))));
        String listener = aws.elb().describeListeners(r -> r.loadBalancerArn(aws.elb().describeLoadBalancers(q -> q
                .names("sandbox-alb")).loadBalancers().get(0).loadBalancerArn())).listeners().get(0).listenerArn();
        OperatorDefaults defaults = new OperatorDefaults("sandbox", "us-east-1",
                List.of(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B), List.of(Ec2Api.TASKS_SECURITY_GROUP),
                listener, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null);
        OperatorConfig config = new OperatorConfig(defaults, Duration.ofMillis(300), Duration.ofSeconds(2), 0, false,
                0, false, List.of());
        operator = new EcsAppOperator(config, kubernetes, aws, new OperatorMetrics(), Clock.systemUTC());
        operator.start();
    }

    @AfterAll
    static void stop() {
        operator.close();
        aws.close();
        sandbox.close();
    }

    private static String control(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.awsEndpoint() + "/_sandbox/" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static EcsApp app(String name, String image) {
        return Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: %s
                  namespace: default
                spec:
                  image: %s
                  replicas: 2
                  loadBalancer:
                    pathPatterns: ["/%s/*"]
                    healthCheck:
                      intervalSeconds: 10
                      healthyThreshold: 2
                    deregistrationDelaySeconds: 10
                """.formatted(name, image, name), EcsApp.class);
    }

    private static EcsApp get(String name) {
        return kubernetes.resources(EcsApp.class).inNamespace("default").withName(name).get();
    }

    private static boolean ready(String name) {
        EcsApp app = get(name);
        return app != null && app.getStatus() != null && app.getStatus().conditions().stream()
                .anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
    }

    private static long calls(String service, String action) throws Exception {
        JsonNode calls = JSON.readTree(control("GET", "calls", ""));
        return calls.path(service).path(action).path("ok").asLong(0);
    }

    @Test
    void anAppGoesFromCreatedToReadyWithEverythingMadeInAws() throws Exception {
        long createdBefore = calls("ecs", "CreateService");
        long registeredBefore = calls("ecs", "RegisterTaskDefinition");
        kubernetes.resource(app("hello", "nginx:1.27")).create();

        await().atMost(Duration.ofSeconds(90)).until(() -> ready("hello"));

        EcsApp app = get("hello");
        assertThat(app.getStatus().runningCount()).isEqualTo(2);
        assertThat(app.getStatus().resources().serviceArn())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/sandbox/default_hello");
        assertThat(app.getStatus().resources().targetGroupArn()).contains(":targetgroup/");
        assertThat(app.getStatus().resources().listenerRuleArn()).contains(":listener-rule/");
        assertThat(app.getStatus().observedGeneration()).isEqualTo(app.getMetadata().getGeneration());
        assertThat(app.getMetadata().getFinalizers()).isNotEmpty();
        JsonNode state = JSON.readTree(control("GET", "state", ""));
        assertThat(state.path("ecs").path("services").findValuesAsText("serviceName")).contains("default_hello");
        assertThat(calls("ecs", "CreateService") - createdBefore).isEqualTo(1);
        assertThat(calls("ecs", "RegisterTaskDefinition") - registeredBefore).isEqualTo(1);
    }

    @Test
    void anImageBumpRegistersOneRevisionAndRollsItOut() throws Exception {
        kubernetes.resource(app("bump", "nginx:1.27")).create();
        await().atMost(Duration.ofSeconds(90)).until(() -> ready("bump"));
        long registeredBefore = calls("ecs", "RegisterTaskDefinition");

        EcsApp app = get("bump");
        EcsApp bumped = app("bump", "nginx:1.28");
        bumped.getMetadata().setResourceVersion(app.getMetadata().getResourceVersion());
        kubernetes.resource(bumped).update();

        await().atMost(Duration.ofSeconds(120)).until(() -> ready("bump")
                && "nginx:1.28".equals(get("bump").getStatus().image())
                && get("bump").getStatus().resources().taskDefinitionArn().endsWith(":2"));
        assertThat(calls("ecs", "RegisterTaskDefinition") - registeredBefore).isEqualTo(1);
    }

    @Test
    void deletingAnAppLeavesNothingBehindInAws() throws Exception {
        kubernetes.resource(app("gone", "nginx:1.27")).create();
        await().atMost(Duration.ofSeconds(90)).until(() -> ready("gone"));
        JsonNode before = JSON.readTree(control("GET", "state", ""));
        assertThat(before.path("logs").findValuesAsText("logGroupName")).contains("/ecs/default/gone");
        assertThat(before.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .anyMatch(name -> name.startsWith("gone-default"));
        assertThat(before.path("elasticloadbalancing").toString()).contains("/gone/*");

        kubernetes.resources(EcsApp.class).inNamespace("default").withName("gone").delete();

        await().atMost(Duration.ofSeconds(120)).until(() -> get("gone") == null);
        JsonNode state = JSON.readTree(control("GET", "state", ""));
        assertThat(state.path("ecs").path("services")).allSatisfy(service -> {
            if (service.path("serviceName").asText().equals("default_gone")) {
                assertThat(service.path("status").asText()).isEqualTo("INACTIVE");
            }
        });
        assertThat(state.path("ecs").path("taskDefinitions")).noneSatisfy(td ->
                assertThat(td.path("family").asText() + td.path("status").asText()).isEqualTo("default_goneACTIVE"));
        assertThat(state.path("logs").findValuesAsText("logGroupName")).doesNotContain("/ecs/default/gone");
        assertThat(state.path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .noneMatch(name -> name.startsWith("gone-default"));
        assertThat(state.path("elasticloadbalancing").toString()).doesNotContain("/gone/*");
    }
}
