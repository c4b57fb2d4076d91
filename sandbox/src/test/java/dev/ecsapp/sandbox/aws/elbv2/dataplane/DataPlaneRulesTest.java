package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.time.SandboxClock;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/** The data plane's small rules, without a network: wildcards, matchers, CIDRs, redirects, health, metrics. */
class DataPlaneRulesTest {

    @Test
    void wildcardsMatchAnyRunOrOneCharacter() {
        assertThat(Wildcard.matches("/api/*", "/api/", false)).isTrue();
        assertThat(Wildcard.matches("/api/*", "/api/v1/orders", false)).isTrue();
        assertThat(Wildcard.matches("/api/*", "/API/v1", false)).isFalse();
        assertThat(Wildcard.matches("*.example.com", "Shop.EXAMPLE.com", true)).isTrue();
        assertThat(Wildcard.matches("/img/?.png", "/img/a.png", false)).isTrue();
        assertThat(Wildcard.matches("/img/?.png", "/img/ab.png", false)).isFalse();
        assertThat(Wildcard.matches("*a*b", "xaxxb", false)).isTrue();
        assertThat(Wildcard.matches("*a*b", "xaxxbc", false)).isFalse();
    }

    @Test
    void healthCheckMatchersTakeCodesListsAndRanges() {
        assertThat(HealthCodes.accepts("200", 200)).isTrue();
        assertThat(HealthCodes.accepts("200", 204)).isFalse();
        assertThat(HealthCodes.accepts("200-299", 204)).isTrue();
        assertThat(HealthCodes.accepts("200,302", 302)).isTrue();
        assertThat(HealthCodes.accepts("200,302", 301)).isFalse();
        assertThat(HealthCodes.accepts("200,400-404", 403)).isTrue();
    }

    @Test
    void sourceAddressesAreMatchedByCidrBlock() {
        assertThat(Cidr.contains("127.0.0.0/8", "127.1.2.3")).isTrue();
        assertThat(Cidr.contains("10.0.0.0/16", "10.1.0.1")).isFalse();
        assertThat(Cidr.contains("0.0.0.0/0", "192.168.1.1")).isTrue();
        assertThat(Cidr.contains("::1/128", "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(Cidr.contains("10.0.0.0/8", "")).isFalse();
    }

    @Test
    void aRedirectFillsInTheRequestsParts() {
        IncomingRequest request = new IncomingRequest("GET", "/a/b", "x=1", List.of(Map.entry("x", "1")),
                "shop.example.com", MultiMap.caseInsensitiveMultiMap(), "127.0.0.1");
        RedirectActionConfig toHttps = RedirectActionConfig.builder().protocol("HTTPS").port("443").host("#{host}")
                .path("/#{path}").query("#{query}").statusCode("HTTP_301").build();
        RedirectActionConfig samePort = toHttps.toBuilder().protocol("#{protocol}").port("#{port}").query("")
                .build();

        assertThat(RedirectLocation.of(toHttps, request, "HTTP", 80)).isEqualTo("https://shop.example.com/a/b?x=1");
        assertThat(RedirectLocation.of(samePort, request, "HTTP", 8080)).isEqualTo("http://shop.example.com:8080/a/b");
    }

    @Test
    void consecutiveResultsMoveATargetBetweenStates() {
        TargetGroup group = TargetGroup.builder().healthyThresholdCount(3).unhealthyThresholdCount(2)
                .matcher(Matcher.builder().httpCode("200").build()).build();
        TargetHealthRecord record = new TargetHealthRecord(0);

        assertThat(record.add(TargetHealthRecord.Outcome.PASSED, group).reasonAsString())
                .isEqualTo("Elb.InitialHealthChecking");
        record.add(TargetHealthRecord.Outcome.PASSED, group);
        assertThat(record.add(TargetHealthRecord.Outcome.PASSED, group).stateAsString()).isEqualTo("healthy");
        assertThat(record.add(TargetHealthRecord.Outcome.TIMEOUT, group).stateAsString()).isEqualTo("healthy");
        TargetHealth unhealthy = record.add(TargetHealthRecord.Outcome.codeMismatch(503), group);
        assertThat(unhealthy.stateAsString()).isEqualTo("unhealthy");
        assertThat(unhealthy.reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(record.add(TargetHealthRecord.Outcome.FAILED, group).reasonAsString())
                .isEqualTo("Target.FailedHealthChecks");
        record.add(TargetHealthRecord.Outcome.PASSED, group);
        assertThat(record.add(TargetHealthRecord.Outcome.PASSED, group).stateAsString()).isEqualTo("unhealthy");
        assertThat(record.add(TargetHealthRecord.Outcome.PASSED, group).stateAsString()).isEqualTo("healthy");
    }

    @Test
    void metricsArePerMinuteAndKeptForThreeHours() {
        SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2025-01-01T00:00:30Z"), ZoneOffset.UTC), 0);
        TargetGroupMetrics metrics = new TargetGroupMetrics(clock);
        metrics.targetResponded("tg", 200, Duration.ofMillis(100));
        metrics.targetResponded("tg", 503, Duration.ofMillis(300));
        metrics.loadBalancerFailed("tg");

        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = from.plus(Duration.ofHours(5));
        assertThat(metrics.query("tg", TargetGroupMetrics.REQUEST_COUNT, from, to)).singleElement()
                .satisfies(p -> assertThat(p.sum()).isEqualTo(3));
        assertThat(metrics.query("tg", TargetGroupMetrics.TARGET_5XX, from, to)).singleElement()
                .satisfies(p -> assertThat(p.sum()).isEqualTo(1));
        assertThat(metrics.query("tg", TargetGroupMetrics.TARGET_RESPONSE_TIME, from, to)).singleElement()
                .satisfies(p -> assertThat(p.average()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)));

        clock.advance(Duration.ofHours(3).plusMinutes(1));
        metrics.targetResponded("tg", 200, Duration.ofMillis(100));

        assertThat(metrics.query("tg", TargetGroupMetrics.REQUEST_COUNT, from, to)).singleElement()
                .satisfies(p -> assertThat(p.minute()).isEqualTo(Instant.parse("2025-01-01T03:01:00Z")));
    }
}
