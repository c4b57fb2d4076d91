package dev.ecsapp.sandbox.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.elbv2.dataplane.TargetGroupMetrics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * The load balancers' data plane end to end: a load balancer, target groups, a listener and rules made with the
 * real SDK client; targets that are small HTTP servers on loopback addresses of their own; real HTTP requests to
 * the listener's local port.
 */
class AlbDataPlaneTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private static Vertx vertx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<FakeTarget> fakes = new ArrayList<>();
    private ElasticLoadBalancingV2Client elb;
    private LoadBalancer loadBalancer;
    private String listenerArn;
    private String url;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void loadBalancerWithListener() {
        elb = sandbox.client(ElasticLoadBalancingV2Client.builder());
        loadBalancer = elb.createLoadBalancer(r -> r.name("web")
                .subnets(Ec2Api.PUBLIC_SUBNET_A, Ec2Api.PUBLIC_SUBNET_B)).loadBalancers().get(0);
        listenerArn = elb.createListener(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn()).protocol("HTTP")
                .port(8080).defaultActions(fixed("404", "text/plain", "no rule"))).listeners().get(0).listenerArn();
        url = sandbox.sandbox().loadBalancers().listenerUrls().get(loadBalancer.dnsName()).get(8080);
    }

    @AfterEach
    void stopTargets() throws Exception {
        for (FakeTarget fake : fakes) {
            fake.close();
        }
        elb.close();
    }

    @Test
    void pathAndHostRulesPickTheirTargetGroups() throws Exception {
        FakeTarget api = target("api", "127.0.0.11");
        FakeTarget shop = target("shop", "127.0.0.12");
        String apiGroup = group("api", api);
        String shopGroup = group("shop", shop);
        rule(10, Alb.pathPattern("/api/*"), forward(apiGroup));
        rule(20, RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("LOCAL?OST")).build(),
                forward(shopGroup));

        assertThat(get(url + "/api/orders?id=1").body()).isEqualTo("api");
        // Host names match whatever their case and port; path patterns are case-sensitive.
        String byHost = url.replace("127.0.0.1", "localhost");
        assertThat(get(byHost + "/API/orders").body()).isEqualTo("shop");
        assertThat(get(url + "/API/orders")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("no rule");
        });
        assertThat(api.lastHeaders.get().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(api.lastHeaders.get().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(api.lastHeaders.get().get("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(shop.lastHeaders.get().get("Host")).startsWith("localhost:");
    }

    @Test
    void headerMethodQueryAndSourceConditionsRoute() throws Exception {
        FakeTarget canary = target("canary", "127.0.0.13");
        rule(1, RuleCondition.builder().field("http-header")
                .httpHeaderConfig(h -> h.httpHeaderName("x-canary").values("YES*")).build(), forward(group("canary",
                canary)));
        rule(2, RuleCondition.builder().field("http-request-method")
                .httpRequestMethodConfig(m -> m.values("POST")).build(), fixed("201", "text/plain", "posted"));
        rule(3, RuleCondition.builder().field("query-string")
                .queryStringConfig(q -> q.values(v -> v.key("version").value("2"))).build(),
                fixed("200", "text/plain", "v2"));
        rule(4, RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/8")).build(),
                fixed("403", "text/plain", "private"));
        rule(5, RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("127.0.0.0/8")).build(),
                fixed("200", "text/plain", "loopback"));

        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/")).header("X-Canary", "yes-please")).body())
                .isEqualTo("canary");
        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(201);
        assertThat(get(url + "/?Version=2").body()).isEqualTo("v2");
        assertThat(get(url + "/?version=3").body()).isEqualTo("loopback");
    }

    @Test
    void aWeightedForwardSplitsByWeight() throws Exception {
        FakeTarget blue = target("blue", "127.0.0.14");
        FakeTarget green = target("green", "127.0.0.15");
        String blueGroup = group("blue", blue);
        String greenGroup = group("green", green);
        rule(1, Alb.pathPattern("/*"), Action.builder().type("forward").forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(blueGroup).weight(3).build(),
                TargetGroupTuple.builder().targetGroupArn(greenGroup).weight(1).build())).build());

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            counts.merge(get(url + "/").body(), 1, Integer::sum);
        }

        // 150 expected for blue; the bounds are five standard deviations (6.1) away.
        assertThat(counts.get("blue")).isBetween(120, 180);
        assertThat(counts.get("blue") + counts.get("green")).isEqualTo(200);
    }

    @Test
    void fixedResponsesAndRedirectsAreAnsweredByTheLoadBalancer() throws Exception {
        rule(1, Alb.pathPattern("/old/*"), Action.builder().type("redirect").redirectConfig(r -> r.protocol("HTTPS")
                .port("443").host("www.#{host}").path("/new/#{path}").query("#{query}&moved=1")
                .statusCode("HTTP_301")).build());
        rule(2, Alb.pathPattern("/tea?ot"), fixed("418", "application/json", "{\"teapot\":true}"));

        HttpResponse<String> moved = get(url + "/old/page?a=1");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("Location"))
                .hasValue("https://www.127.0.0.1/new/old/page?a=1&moved=1");
        HttpResponse<String> teapot = get(url + "/teapot");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(teapot.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(teapot.body()).isEqualTo("{\"teapot\":true}");
    }

    @Test
    void healthyTargetsTakeTurns() throws Exception {
        FakeTarget one = target("one", "127.0.0.16");
        FakeTarget two = target("two", "127.0.0.17");
        FakeTarget three = target("three", "127.0.0.18");
        String group = group("web", one, two, three);
        rule(1, Alb.pathPattern("/*"), forward(group));
        awaitHealth(group, one, "healthy");
        awaitHealth(group, two, "healthy");
        awaitHealth(group, three, "healthy");

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(get(url + "/").body());
        }

        assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(order.subList(3, 6)).isEqualTo(order.subList(0, 3));
    }

    @Test
    void theLoadBalancerAnswers503502And504ItselfAndCountsThem() throws Exception {
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn())
                .attributes(a -> a.key("idle_timeout.timeout_seconds").value("1")));
        FakeTarget slow = target("slow", "127.0.0.19");
        slow.slowMillis.set(4_000);
        String emptyGroup = group("empty");
        String refusedGroup = group("refused");
        int closedPort = closedPort();
        elb.registerTargets(r -> r.targetGroupArn(refusedGroup).targets(t -> t.id("127.0.0.20").port(closedPort)
                .availabilityZone("all")));
        String slowGroup = group("slow", slow);
        rule(1, Alb.pathPattern("/empty"), forward(emptyGroup));
        rule(2, Alb.pathPattern("/refused"), forward(refusedGroup));
        rule(3, Alb.pathPattern("/slow*"), forward(slowGroup));
        rule(4, Alb.pathPattern("/fast"), forward(slowGroup));

        assertThat(get(url + "/empty").statusCode()).isEqualTo(503);
        assertThat(get(url + "/refused").statusCode()).isEqualTo(502);
        long started = System.nanoTime();
        assertThat(get(url + "/slow").statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                Duration.ofMillis(3_000));
        assertThat(get(url + "/fast").statusCode()).isEqualTo(200);

        assertThat(sum(emptyGroup, TargetGroupMetrics.ELB_5XX)).isEqualTo(1);
        assertThat(sum(refusedGroup, TargetGroupMetrics.ELB_5XX)).isEqualTo(1);
        assertThat(sum(slowGroup, TargetGroupMetrics.ELB_5XX)).isEqualTo(1);
        assertThat(sum(slowGroup, TargetGroupMetrics.TARGET_2XX)).isEqualTo(1);
        assertThat(sum(slowGroup, TargetGroupMetrics.REQUEST_COUNT)).isEqualTo(2);
        assertThat(metrics(slowGroup, TargetGroupMetrics.TARGET_RESPONSE_TIME)).singleElement()
                .satisfies(p -> assertThat(p.sampleCount()).isEqualTo(1));
    }

    /** What went through the data plane, read back as a user reads it: CloudWatch through the AWS CLI. */
    @Test
    void theRequestsAreInCloudWatchAsAwsApplicationElbMetrics() throws Exception {
        FakeTarget web = target("web", "127.0.0.26");
        String group = group("metered", web);
        rule(1, Alb.pathPattern("/*"), forward(group));
        for (int i = 0; i < 3; i++) {
            assertThat(get(url + "/").statusCode()).isEqualTo(200);
        }
        String dimension = "targetgroup/" + group.substring(group.indexOf(":targetgroup/") + 13);
        dev.ecsapp.sandbox.cli.AwsCli cli = new dev.ecsapp.sandbox.cli.AwsCli(sandbox.endpoint());
        Instant now = sandbox.sandbox().clock().instant();

        var listed = cli.run("cloudwatch", "list-metrics", "--namespace", "AWS/ApplicationELB", "--dimensions",
                "Name=TargetGroup,Value=" + dimension);
        var statistics = cli.run("cloudwatch", "get-metric-statistics", "--namespace", "AWS/ApplicationELB",
                "--metric-name", "RequestCount", "--dimensions", "Name=TargetGroup,Value=" + dimension,
                "--start-time", now.minusSeconds(600).toString(), "--end-time", now.plusSeconds(120).toString(),
                "--period", "60", "--statistics", "Sum");

        assertThat(listed.exitCode()).as("%s", listed).isZero();
        assertThat(listed.json().path("Metrics")).extracting(m -> m.path("MetricName").asText())
                .contains("RequestCount", "HTTPCode_Target_2XX_Count", "TargetResponseTime");
        assertThat(statistics.exitCode()).as("%s", statistics).isZero();
        assertThat(statistics.json().path("Datapoints")).extracting(p -> p.path("Sum").asDouble())
                .satisfies(sums -> assertThat(sums.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(3.0));
    }

    @Test
    void healthChecksTakeAFailingTargetOutAndBringItBack() throws Exception {
        FakeTarget good = target("good", "127.0.0.21");
        FakeTarget flaky = target("flaky", "127.0.0.22");
        FakeTarget mute = target("mute", "127.0.0.23");
        flaky.healthStatus.set(500);
        mute.healthStatus.set(0);
        String group = group("web", good, flaky, mute);
        rule(1, Alb.pathPattern("/*"), forward(group));

        assertThat(health(group, flaky).reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        awaitHealth(group, good, "healthy");
        awaitHealth(group, flaky, "unhealthy");
        assertThat(health(group, flaky).reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(health(group, flaky).description()).isEqualTo("Health checks failed with these codes: [500]");
        awaitHealth(group, mute, "unhealthy");
        assertThat(health(group, mute).reasonAsString()).isEqualTo("Target.Timeout");
        for (int i = 0; i < 6; i++) {
            assertThat(get(url + "/").body()).isEqualTo("good");
        }

        // Both unhealthy targets counted in CloudWatch, per (TargetGroup, LoadBalancer) as ALB publishes the count.
        dev.ecsapp.sandbox.cli.AwsCli cli = new dev.ecsapp.sandbox.cli.AwsCli(sandbox.endpoint());
        String dimension = "targetgroup/" + group.substring(group.indexOf(":targetgroup/") + 13);
        var listed = cli.run("cloudwatch", "list-metrics", "--namespace", "AWS/ApplicationELB", "--metric-name",
                "UnHealthyHostCount", "--dimensions", "Name=TargetGroup,Value=" + dimension);
        assertThat(listed.exitCode()).as("%s", listed).isZero();
        JsonNode dimensions = listed.json().path("Metrics").path(0).path("Dimensions");
        assertThat(dimensions).extracting(d -> d.path("Name").asText()).containsExactlyInAnyOrder("TargetGroup",
                "LoadBalancer");
        String loadBalancer = dimensions.findValuesAsText("Value").stream().filter(v -> v.startsWith("app/"))
                .findFirst().orElseThrow();
        // Sampled by the health checker's next tick (every 250 ms) at the latest.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Instant now = sandbox.sandbox().clock().instant();
            var unhealthy = cli.run("cloudwatch", "get-metric-statistics", "--namespace", "AWS/ApplicationELB",
                    "--metric-name", "UnHealthyHostCount", "--dimensions", "Name=TargetGroup,Value=" + dimension,
                    "Name=LoadBalancer,Value=" + loadBalancer, "--start-time", now.minusSeconds(600).toString(),
                    "--end-time", now.plusSeconds(120).toString(), "--period", "60", "--statistics", "Maximum");
            assertThat(unhealthy.exitCode()).as("%s", unhealthy).isZero();
            assertThat(unhealthy.json().path("Datapoints")).extracting(p -> p.path("Maximum").asDouble())
                    .contains(2.0);
        });

        flaky.healthStatus.set(200);
        awaitHealth(group, flaky, "healthy");

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(get(url + "/").body());
        }
        assertThat(answers).containsOnly("good", "flaky").contains("flaky");
    }

    @Test
    void aDrainingTargetFinishesItsRequestInFlightAndTakesNoNewOnes() throws Exception {
        FakeTarget leaving = target("leaving", "127.0.0.24");
        FakeTarget staying = target("staying", "127.0.0.25");
        String group = group("web", leaving);
        rule(1, Alb.pathPattern("/*"), forward(group));
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                URI.create(url + "/slow")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> leaving.requests.get() == 1);

        elb.registerTargets(r -> r.targetGroupArn(group).targets(staying.description()));
        elb.deregisterTargets(r -> r.targetGroupArn(group).targets(leaving.description()));

        assertThat(health(group, leaving).stateAsString()).isEqualTo("draining");
        for (int i = 0; i < 4; i++) {
            assertThat(get(url + "/").body()).isEqualTo("staying");
        }
        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("leaving");
        assertThat(leaving.requests.get()).isEqualTo(1);
    }

    @Test
    void listenerPortsOpenAndCloseWithTheirListeners() throws Exception {
        String second = elb.createListener(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn()).protocol("HTTP")
                .port(9090).defaultActions(fixed("200", "text/plain", "second"))).listeners().get(0).listenerArn();
        String secondUrl = sandbox.sandbox().loadBalancers().listenerUrls().get(loadBalancer.dnsName()).get(9090);
        assertThat(get(secondUrl + "/").body()).isEqualTo("second");
        assertThat(sandbox.control("GET", "state", "")).contains("\"LocalUrl\":\"" + secondUrl + "\"");

        elb.deleteListener(r -> r.listenerArn(second));
        assertThat(sandbox.sandbox().loadBalancers().listenerUrls().get(loadBalancer.dnsName()))
                .containsOnlyKeys(8080);
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(secondUrl));

        elb.deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn()));
        assertThat(sandbox.sandbox().loadBalancers().listenerUrls()).doesNotContainKey(loadBalancer.dnsName());
        await().atMost(Duration.ofSeconds(5)).until(() -> refuses(url));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private FakeTarget target(String name, String ip) throws Exception {
        FakeTarget fake = FakeTarget.start(vertx, name, ip);
        fakes.add(fake);
        return fake;
    }

    /** An ip target group checked every 5 s (ALB's shortest interval) with thresholds of 2, and its targets. */
    private String group(String name, FakeTarget... targets) {
        String arn = elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(80).vpcId(Ec2Api.VPC_ID)
                .targetType("ip").healthCheckPath("/health").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2)
                .matcher(m -> m.httpCode("200-299"))).targetGroups().get(0).targetGroupArn();
        if (targets.length > 0) {
            elb.registerTargets(r -> r.targetGroupArn(arn).targets(java.util.Arrays.stream(targets)
                    .map(FakeTarget::description).toList()));
        }
        return arn;
    }

    private void rule(int priority, RuleCondition condition, Action action) {
        elb.createRule(r -> r.listenerArn(listenerArn).priority(priority).conditions(condition).actions(action));
    }

    private static Action forward(String targetGroupArn) {
        return Alb.forwardTo(targetGroupArn);
    }

    private static Action fixed(String status, String contentType, String body) {
        return Action.builder().type("fixed-response").fixedResponseConfig(f -> f.statusCode(status)
                .contentType(contentType).messageBody(body)).build();
    }

    private TargetHealth health(String group, FakeTarget target) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group).targets(target.description()))
                .targetHealthDescriptions().get(0).targetHealth();
    }

    /** Real health checks take two 5-second intervals to change a state; bounded well above that. */
    private void awaitHealth(String group, FakeTarget target, String state) {
        await().atMost(Duration.ofSeconds(14)).pollInterval(Duration.ofMillis(200))
                .until(() -> health(group, target).stateAsString().equals(state));
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(uri)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<TargetGroupMetrics.Datapoint> metrics(String group, String metric) {
        return sandbox.sandbox().loadBalancers().metrics().query(group, metric, Instant.EPOCH,
                Instant.parse("9999-01-01T00:00:00Z"));
    }

    private double sum(String group, String metric) {
        return metrics(group, metric).stream().mapToDouble(TargetGroupMetrics.Datapoint::sum).sum();
    }

    private boolean refuses(String uri) {
        try {
            get(uri + "/");
            return false;
        } catch (IOException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.20"))) {
            return socket.getLocalPort();
        }
    }
}
