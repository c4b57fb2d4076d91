package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad input a user or a skipped admission can store, applied at once next to a valid app: specs the
 * validator refuses, objects the model cannot read, and specs only AWS's state refutes (a resource another app or
 * nobody owns, a rule that overlaps another app's, a priority a rule holds). Each is refused naming its field (or the
 * resource in the way), the sandbox sees not one AWS write for any of them, the operator stays up throughout, and the
 * valid app stays Ready and untouched.
 */
class BadInputBatteryTest {

    /** An input, how it is stored (raw: past the Java model), and what its refusal must say. */
    record Bad(String name, String spec, boolean raw, String reason, String says) {
    }

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox().withOpenSpecSchema();

    private static List<Bad> battery() {
        List<Bad> all = new ArrayList<>();
        InvalidSpecsTest.INVALID.forEach(invalid -> all.add(new Bad("spec-" + invalid.name(), invalid.spec(), false,
                "InvalidSpec", invalid.field())));
        UnreadableAppsTest.UNREADABLE.forEach(unreadable -> all.add(new Bad("raw-" + unreadable.name(),
                unreadable.spec(), true, "InvalidSpec", unreadable.field())));
        all.addAll(List.of(
                new Bad("other-region", "{image: 'shop:1', region: eu-central-1}", false, "InvalidSpec",
                        "spec.region"),
                new Bad("digest-short", "{image: 'shop@sha256:abc123'}", false, "InvalidSpec", "spec.image"),
                new Bad("image-long", "{image: 'registry.example.com/" + "a".repeat(240) + ":1'}", false,
                        "InvalidSpec", "spec.image"),
                new Bad("host-digits", "{image: 'shop:1', loadBalancer: {hosts: [shop.example.123]}}", false,
                        "InvalidSpec", "spec.loadBalancer.hosts[0]"),
                new Bad("secret-partition", "{image: 'shop:1', secrets: [{name: K, valueFrom: "
                        + "'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db'}]}", false, "InvalidSpec",
                        "spec.secrets[0].valueFrom"),
                new Bad("repository-taken", "{image: 'shop:1', repository: {managed: true, name: shared/battery}}",
                        false, "AlreadyOwned", "spec.repository.name"),
                new Bad("squatted", "{image: 'shop:1'}", false, "AlreadyOwned", "/ecs/default/squatted"),
                new Bad("overlapping", "{image: 'shop:1', loadBalancer: {pathPatterns: ['/valid/*']}}", false,
                        "RuleOverlap", "spec.loadBalancer.pathPatterns[0]"),
                new Bad("priority-held", "{image: 'shop:1', loadBalancer: {pathPatterns: ['/held/*'], priority: 7}}",
                        false, "PriorityTaken", "spec.loadBalancer.priority"),
                new Bad("no-subnet", "{image: 'shop:1', network: {subnets: [subnet-0123456789abcdef0]}}", false,
                        "InvalidReference", "spec.network.subnets[0]"),
                new Bad("no-security-group", "{image: 'shop:1', network: {securityGroups: [sg-0123456789abcdef0]}}",
                        false, "InvalidReference", "spec.network.securityGroups[0]"),
                new Bad("no-listener", "{image: 'shop:1', loadBalancer: {listenerArn: '" + noListener()
                        + "', pathPatterns: ['/no-listener/*']}}", false, "InvalidReference",
                        "spec.loadBalancer.listenerArn"),
                new Bad("no-cluster", "{image: 'shop:1', cluster: nowhere}", false, "InvalidReference",
                        "spec.cluster")));
        return all;
    }

    /** A listener ARN of the right form, on the sandbox's load balancer, that no listener has. */
    private static String noListener() {
        String listener = SANDBOX.listenerArn();
        return listener.substring(0, listener.lastIndexOf('/') + 1) + "0123456789abcdef";
    }

    @Test
    void everyBadInputIsRefusedNamingItsFieldWithNoAwsWriteWhileTheOperatorAndAValidAppCarryOn() {
        // What the refusals that depend on AWS's state meet: a log group and a rule made outside the operator.
        SANDBOX.aws().logs().createLogGroup(r -> r.logGroupName("/ecs/default/squatted"));
        SANDBOX.aws().elb().createRule(r -> r.listenerArn(SANDBOX.listenerArn()).priority(7)
                .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/by-hand/*")))
                .actions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))));
        SANDBOX.create(app("valid", """
                image: nginx:1.27
                repository: {managed: true, name: shared/battery}
                loadBalancer:
                  pathPatterns: ["/valid/*"]
                  healthCheck: {intervalSeconds: 10, healthyThreshold: 2}
                  deregistrationDelaySeconds: 10
                """));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("valid"));
        // Past its rollout's tail, the valid app's resyncs only read.
        await().pollDelay(OperatorOnSandbox.FULL_RESYNC).atMost(Duration.ofSeconds(20))
                .until(() -> SANDBOX.ready("valid"));
        EcsAppStatus validBefore = SANDBOX.get("valid").getStatus();
        SANDBOX.clearCalls();

        List<Bad> battery = battery();
        battery.forEach(bad -> {
            if (bad.raw()) {
                SANDBOX.createRaw(bad.name(), bad.spec());
            } else {
                SANDBOX.create(app(bad.name(), bad.spec()));
            }
        });

        AtomicBoolean operatorAlways = new AtomicBoolean(true);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            operatorAlways.compareAndSet(true, SANDBOX.operatorReady());
            return battery.stream().allMatch(bad -> SANDBOX.isTrue(bad.name(), "Degraded"));
        });
        // A few full resyncs of the valid app and slow looks at the refused ones on top.
        await().pollDelay(OperatorOnSandbox.FULL_RESYNC).atMost(Duration.ofSeconds(20)).until(() -> {
            operatorAlways.compareAndSet(true, SANDBOX.operatorReady());
            return true;
        });

        Set<String> names = battery.stream().map(Bad::name).collect(Collectors.toSet());
        assertThat(names).as("distinct kinds of bad input").hasSize(battery.size()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(battery).allSatisfy(bad -> {
            Condition degraded = SANDBOX.condition(bad.name(), "Degraded").orElseThrow();
            assertThat(degraded.reason()).as(bad.name()).isEqualTo(bad.reason());
            assertThat(degraded.message()).as(bad.name()).contains(bad.says());
            assertThat(SANDBOX.isTrue(bad.name(), "Stalled")).as(bad.name() + " Stalled").isTrue();
            assertThat(SANDBOX.ready(bad.name())).as(bad.name()).isFalse();
        });
        Map<String, Long> writes = SANDBOX.callCounts().entrySet().stream()
                .filter(call -> OperatorOnSandbox.isWrite(call.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(writes).as("AWS writes for " + battery.size() + " bad inputs").isEmpty();
        assertThat(operatorAlways).as("the operator ready throughout").isTrue();
        EcsApp valid = SANDBOX.get("valid");
        assertThat(SANDBOX.ready("valid")).isTrue();
        assertThat(valid.getStatus().resources()).as("the valid app untouched").isEqualTo(validBefore.resources());
        assertThat(Stream.of("shared/battery").map(name -> SANDBOX.aws().ecr().describeRepositories(r -> r
                .repositoryNames(name)).repositories().size())).containsExactly(1);
    }
}
