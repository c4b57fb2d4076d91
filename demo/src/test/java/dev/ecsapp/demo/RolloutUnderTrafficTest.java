package dev.ecsapp.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
import dev.ecsapp.sandbox.kubernetes.KubernetesApi;
import dev.ecsapp.sandbox.runtime.RunningTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The reference architecture's promises, measured with real tasks of the reference service's image and real traffic
 * through the sandbox's ALB: a rolling update loses no request; a version that cannot start is rolled back by the
 * circuit breaker while the old one keeps serving; a task killed from outside is replaced with only the requests it
 * held failing. One app, the three in order, each with {@value #RATE} requests a second running throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutUnderTrafficTest {

    static final Path SERVICE_IMAGE = Path.of(System.getProperty("user.dir")).resolveSibling("service")
            .resolve("target").resolve("jib-image.tar");
    private static final String CRD = "/META-INF/fabric8/ecsapps.ecsapp.dev-v1.yml";
    private static final int RATE = 200;
    private static final int HEALTH_CHECK_INTERVAL_SECONDS = 5;
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);

    private Sandbox sandbox;
    private AwsClients aws;
    private EcsAppOperator operator;
    private KubernetesClient kubernetes;
    private URI versionUrl;
    private String firstImage;
    private String secondImage;
    private String brokenImage;

    @BeforeAll
    void startSandboxOperatorAndApp() throws Exception {
        assumeThat(SERVICE_IMAGE).as("the service module's image tar (built by its package phase)").exists();
        // ECS's own steps (provisioning, pulling, deregistration delays) at ten times their pace; the ALB's checks of
        // real tasks and the tasks themselves run in wall-clock time whatever the speed.
        sandbox = Sandbox.start(new SandboxConfig("127.0.0.1", 0, 0, Files.createTempDirectory("rollout")
                .resolve("kubeconfig"), "us-east-1", false, 10).withKubernetes(KubernetesApi.Server.OWN));
        assumeThat(sandbox.runtime().unavailableReason()).as("the local task runtime").isEmpty();
        aws = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test"))));
        kubernetes = sandbox.kubernetes().client();
        try (InputStream crd = MainJob.class.getResourceAsStream(CRD)) {
            kubernetes.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        URI endpoint = URI.create(sandbox.awsEndpoint());
        firstImage = ImagePush.push(aws, endpoint, SERVICE_IMAGE, "web", "1.0.0",
                image -> image.addEnvironmentVariable("APP_VERSION", "1.0.0")).image();
        secondImage = ImagePush.push(aws, endpoint, SERVICE_IMAGE, "web", "2.0.0",
                image -> image.addEnvironmentVariable("APP_VERSION", "2.0.0")).image();
        // A version whose process exits at start, as one with a missing class or a bad configuration does.
        brokenImage = ImagePush.push(aws, endpoint, SERVICE_IMAGE, "web", "3.0.0-broken",
                image -> image.setEntrypoint("/bin/sh", "-c", "echo 'cannot start: no database' >&2; exit 3")
                        .setProgramArguments(List.of())).image();

        operator = new EcsAppOperator(MainJob.operatorConfig(aws), kubernetes, aws, new OperatorMetrics(),
                Clock.systemUTC());
        operator.start();
        kubernetes.resource(Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: web
                  namespace: default
                spec:
                  image: %s
                  replicas: 2
                  env:
                    - name: BASE_PATH
                      value: /web
                  loadBalancer:
                    pathPatterns: ["/web", "/web/*"]
                    deregistrationDelaySeconds: 5
                    healthCheck:
                      path: /ready
                      intervalSeconds: %d
                      healthyThreshold: 2
                      unhealthyThreshold: 2
                      timeoutSeconds: 2
                  rollout:
                    minimumHealthyPercent: 100
                    maximumPercent: 200
                    circuitBreaker: true
                    rollback: true
                """.formatted(firstImage, HEALTH_CHECK_INTERVAL_SECONDS), EcsApp.class)).create();
        awaitApp("Ready on its first image", this::readyAtLatestGeneration);
        String listener = sandbox.loadBalancers().listenerUrls().entrySet().stream()
                .filter(e -> e.getKey().startsWith("sandbox-alb")).findFirst().orElseThrow().getValue().get(80);
        versionUrl = URI.create(listener + "/web/version");
    }

    @AfterAll
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void aRollingUpdateUnderLoadLosesNoRequest() throws Exception {
        try (Traffic traffic = Traffic.start(versionUrl, Map.of(), RATE)) {
            traffic.awaitServed("1.0.0", RATE);
            long started = System.nanoTime();
            setImage(secondImage);
            EcsApp app = awaitApp("Ready on the second image", this::readyAtLatestGeneration);
            double rollout = (System.nanoTime() - started) / 1e9;
            traffic.awaitServedOnlySince("2.0.0");
            traffic.close();

            System.out.printf("rolling update under %d req/s: %.1f s to Ready, %s%n", RATE, rollout,
                    traffic.summary());
            assertThat(app.getStatus().image()).isEqualTo(secondImage);
            assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
            assertThat(traffic.served("1.0.0")).isPositive();
            assertThat(traffic.served("2.0.0")).isPositive();
            assertThat(traffic.sent()).isGreaterThan((long) (RATE * rollout * 0.9));
        }
    }

    @Test
    @Order(2)
    void aVersionThatExitsAtStartIsRolledBackWhileTheOldOneServes() throws Exception {
        String goodRevision = app().getStatus().resources().taskDefinitionArn();
        try (Traffic traffic = Traffic.start(versionUrl, Map.of(), RATE)) {
            traffic.awaitServed("2.0.0", RATE);
            long started = System.nanoTime();
            setImage(brokenImage);
            EcsApp app = awaitApp("Degraded by the circuit breaker", a -> atLatestGeneration(a)
                    && condition(a, Conditions.DEGRADED).filter(c -> "True".equals(c.status())
                            && Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK.equals(c.reason())).isPresent());
            double rolledBack = (System.nanoTime() - started) / 1e9;
            Thread.sleep(2_000);
            traffic.close();

            System.out.printf("rollback under %d req/s: %.1f s to Degraded, %s%n", RATE, rolledBack,
                    traffic.summary());
            String revision = goodRevision.substring(goodRevision.lastIndexOf('/') + 1);
            assertThat(condition(app, Conditions.DEGRADED).orElseThrow().message()).contains("circuit breaker")
                    .containsPattern("(rolling|rolled) back to " + revision);
            assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
            assertThat(traffic.served("2.0.0")).isEqualTo(traffic.served());
            assertThat(primaryTaskDefinition()).isEqualTo(goodRevision);
        }
        // Back to a version that runs, for the next test: the operator retries nothing the breaker stopped.
        setImage(secondImage);
        awaitApp("Ready on the second image again", this::readyAtLatestGeneration);
    }

    @Test
    @Order(3)
    void aTaskKilledFromOutsideIsReplacedAndOnlyItsRequestsFail() throws Exception {
        String groupArn = app().getStatus().resources().targetGroupArn();
        Set<String> before = healthyTargets(groupArn);
        assertThat(before).hasSize(2);
        String victim = before.iterator().next();
        RunningTask task = sandbox.runtime().task(victim).orElseThrow();
        ProcessHandle container = task.containerProcess().orElseThrow();

        try (Traffic traffic = Traffic.start(versionUrl, Map.of(), RATE)) {
            traffic.awaitServed("2.0.0", RATE);
            long killedAt = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(container.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
            long deadline = System.nanoTime() + ROLLOUT_TIMEOUT.toNanos();
            Set<String> after = healthyTargets(groupArn);
            while (!(after.size() == 2 && !after.contains(victim)) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                after = healthyTargets(groupArn);
            }
            double replaced = (System.nanoTime() - killedAt) / 1e9;
            long failedBeforeSettling = traffic.failures().size();
            Thread.sleep(2_000);
            traffic.close();

            System.out.printf("SIGKILL of a task under %d req/s: replaced (new healthy target) in %.1f s, %s%n",
                    RATE, replaced, traffic.summary());
            assertThat(after).as("healthy targets after the kill").hasSize(2).doesNotContain(victim);
            assertThat(traffic.failures()).as("no failure once the replacement serves")
                    .hasSize((int) failedBeforeSettling);
            // At most one health check interval's worth of the killed task's share of requests fails.
            assertThat(traffic.failures().size()).as(traffic.summary())
                    .isLessThanOrEqualTo(RATE / 2 * HEALTH_CHECK_INTERVAL_SECONDS);
            assertThat(app().getStatus().runningCount()).isEqualTo(2);
        }
    }

    private void setImage(String image) {
        kubernetes.resources(EcsApp.class).inNamespace("default").withName("web").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"image\":\"" + image + "\"}}");
    }

    private EcsApp app() {
        return kubernetes.resources(EcsApp.class).inNamespace("default").withName("web").get();
    }

    private EcsApp awaitApp(String what, Predicate<EcsApp> done) throws InterruptedException {
        long deadline = System.nanoTime() + ROLLOUT_TIMEOUT.toNanos();
        EcsApp app = app();
        while (!done.test(app)) {
            // Stalled is terminal only once it is about the latest spec: just after a change it is the old one's.
            assertThat(!atLatestGeneration(app) ? Optional.<Condition>empty() : condition(app, "Stalled")
                    .filter(c -> "True".equals(c.status()))).as("%s: the app stalled", what).isEmpty();
            assertThat(System.nanoTime() < deadline).as("%s within %s; status: %s", what, ROLLOUT_TIMEOUT,
                    app == null ? null : app.getStatus()).isTrue();
            Thread.sleep(250);
            app = app();
        }
        return app;
    }

    private boolean readyAtLatestGeneration(EcsApp app) {
        return atLatestGeneration(app) && condition(app, Conditions.READY).map(c -> "True".equals(c.status()))
                .orElse(false);
    }

    private static boolean atLatestGeneration(EcsApp app) {
        return app != null && app.getStatus() != null
                && app.getMetadata().getGeneration().equals(app.getStatus().observedGeneration());
    }

    private static Optional<Condition> condition(EcsApp app, String type) {
        if (app.getStatus() == null) {
            return Optional.empty();
        }
        return app.getStatus().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private Set<String> healthyTargets(String groupArn) {
        return aws.elb().describeTargetHealth(r -> r.targetGroupArn(groupArn)).targetHealthDescriptions().stream()
                .filter(d -> "healthy".equals(d.targetHealth().stateAsString()))
                .map(TargetHealthDescription::target).map(t -> t.id()).collect(Collectors.toSet());
    }

    private String primaryTaskDefinition() {
        return aws.ecs().describeServices(r -> r.cluster("sandbox").services("default_web")).services().get(0)
                .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElseThrow()
                .taskDefinition();
    }
}
