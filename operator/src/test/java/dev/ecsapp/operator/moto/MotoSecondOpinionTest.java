package dev.ecsapp.operator.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A second opinion on every AWS call the operator makes: the same operator, pointed at moto (an AWS emulator
 * nobody here wrote, preinstalled in the machine image's Python) instead of the sandbox, creates, updates and deletes
 * an app, and what it asked for must exist in moto as asked.
 *
 * <p>What moto cannot show, and so this test does not check: rollouts (moto completes a deployment at once and starts
 * no new one on UpdateService) and target health (moto registers no task as a target), so the app never turns Ready
 * here; readiness is the sandbox tests' business.
 */
class MotoSecondOpinionTest {

    private static Process moto;
    private static String endpoint;
    private static KubernetesApi kubernetesApi;
    private static KubernetesClient kubernetes;
    private static AwsClients aws;
    private static EcsAppOperator operator;
    private static String listenerArn;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MOTO_ECS_SERVICE_RUNNING", "2");
        moto = builder.start();
        endpoint = "http://127.0.0.1:" + port;
        awaitMoto(log);

        aws = new AwsClients(new AwsClients.Target(URI.create(endpoint), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMOTO", "moto"))));
        OperatorDefaults defaults = foundation();
        kubernetesApi = KubernetesApi.start("127.0.0.1", 0);
        kubernetes = kubernetesApi.client();
        try (InputStream crd = Files.newInputStream(Path.of(System.getProperty("user.dir")).resolveSibling("crds")
                .resolve("ecsapps.ecsapp.dev-v1.yml"))) {
            kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        operator = new EcsAppOperator(new OperatorConfig(defaults, Duration.ofMillis(300), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 0,
                false, 0, false, List.of()), kubernetes, aws, new OperatorMetrics(), Clock.systemUTC());
        operator.start();
    }

    private static void awaitMoto(Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new AssertionError("moto exited: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new AssertionError("moto did not answer within 60 s");
    }

    /** What Terraform makes in real life and the sandbox has built in: network, ALB with a listener, cluster. */
    private static OperatorDefaults foundation() {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMOTO", "moto")))
                .build()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a"))
                    .subnet().subnetId();
            String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.2.0/24").availabilityZone("us-east-1b"))
                    .subnet().subnetId();
            String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("tasks").description("tasks"))
                    .groupId();
            String lb = aws.elb().createLoadBalancer(r -> r.name("moto-alb").subnets(a, b)).loadBalancers().get(0)
                    .loadBalancerArn();
            listenerArn = aws.elb().createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                    .defaultActions(d -> d.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))))
                    .listeners().get(0).listenerArn();
            aws.ecs().createCluster(r -> r.clusterName("moto"));
            return new OperatorDefaults("moto", "us-east-1", List.of(a, b), List.of(group), listenerArn,
                    "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        operator.close();
        aws.close();
        kubernetesApi.close();
        moto.destroy();
        if (!moto.waitFor(10, TimeUnit.SECONDS)) {
            moto.destroyForcibly();
        }
    }

    private static EcsApp app(String image) {
        return Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: web
                  namespace: default
                spec:
                  image: %s
                  replicas: 2
                  loadBalancer:
                    pathPatterns: ["/web/*"]
                    healthCheck:
                      path: /ready
                """.formatted(image), EcsApp.class);
    }

    /** A rule condition's values, in the legacy Values field or the typed PathPatternConfig, whichever is set. */
    private static boolean forwardsWebPath(software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule) {
        return rule.conditions().stream().anyMatch(c -> c.values().contains("/web/*")
                || c.pathPatternConfig() != null && c.pathPatternConfig().values().contains("/web/*"));
    }

    private static List<Service> services() {
        return aws.ecs().describeServices(r -> r.cluster("moto").services("default_web")).services().stream()
                .filter(s -> !"INACTIVE".equals(s.status())).toList();
    }

    @Test
    void whatTheOperatorAsksForExistsInMotoAsAskedThroughCreateUpdateAndDelete() {
        kubernetes.resource(app("nginx:1.27")).create();

        await().atMost(Duration.ofSeconds(60)).until(() -> !services().isEmpty());
        Service created = services().get(0);
        assertThat(created.desiredCount()).isEqualTo(2);
        assertThat(created.taskDefinition()).endsWith("task-definition/default_web:1");
        assertThat(created.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.containerPort())
                .isEqualTo(5000));
        var definition = aws.ecs().describeTaskDefinition(r -> r.taskDefinition("default_web")).taskDefinition();
        assertThat(definition.containerDefinitions().get(0).image()).isEqualTo("nginx:1.27");
        assertThat(definition.networkModeAsString()).isEqualTo("awsvpc");
        var group = aws.elb().describeTargetGroups(r -> r.targetGroupArns(created.loadBalancers().get(0)
                .targetGroupArn())).targetGroups().get(0);
        assertThat(group.healthCheckPath()).isEqualTo("/ready");
        assertThat(group.targetTypeAsString()).isEqualTo("ip");
        await().atMost(Duration.ofSeconds(30)).until(() -> aws.elb().describeRules(r -> r.listenerArn(listenerArn))
                .rules().stream().anyMatch(MotoSecondOpinionTest::forwardsWebPath));
        assertThat(aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/default/web")).logGroups())
                .hasSize(1);

        EcsApp current = kubernetes.resources(EcsApp.class).inNamespace("default").withName("web").get();
        EcsApp bumped = app("nginx:1.28");
        bumped.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        kubernetes.resource(bumped).update();

        await().atMost(Duration.ofSeconds(60)).until(() -> services().get(0).taskDefinition()
                .endsWith("task-definition/default_web:2"));
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition("default_web:2")).taskDefinition()
                .containerDefinitions().get(0).image()).isEqualTo("nginx:1.28");

        kubernetes.resources(EcsApp.class).inNamespace("default").withName("web").delete();

        await().atMost(Duration.ofSeconds(60)).until(() -> kubernetes.resources(EcsApp.class).inNamespace("default")
                .withName("web").get() == null);
        assertThat(services()).isEmpty();
        assertThat(aws.elb().describeRules(r -> r.listenerArn(listenerArn)).rules())
                .noneMatch(MotoSecondOpinionTest::forwardsWebPath);
        assertThat(aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/default/web")).logGroups()).isEmpty();
    }
}
