package dev.ecsapp.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Several apps on the sandbox's one listener: priorities follow specificity whatever the order the apps come in, an
 * app whose conditions overlap another's ambiguously, or that asks for what the operator keeps for other namespaces,
 * is refused before it makes anything in AWS, and a rule found at a priority outside its band (an older operator's,
 * or moved by hand) is moved back.
 */
class ListenerRulesOnSandboxTest {

    /** The apps here are all in OperatorOnSandbox.NAMESPACE, which is neither. */
    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox(OperatorOnSandbox.FULL_RESYNC,
            new ListenerRulePolicy(List.of("platform"), Map.of("*.platform.example.com", List.of("platform"))));

    private static EcsApp app(String name, String loadBalancer) {
        return OperatorOnSandbox.app(name, """
                image: nginx:1.27
                replicas: 1
                loadBalancer:
                  %s
                  healthCheck:
                    intervalSeconds: 10
                    healthyThreshold: 2
                  deregistrationDelaySeconds: 10
                """.formatted(loadBalancer));
    }

    /** The priority of the listener's rule whose path-pattern condition has exactly this value. */
    private static Optional<Integer> priorityOfRuleFor(String pathPattern) {
        return SANDBOX.aws().elb().describeRules(r -> r.listenerArn(SANDBOX.listenerArn())).rules().stream()
                .filter(rule -> !Boolean.TRUE.equals(rule.isDefault()))
                .filter(rule -> rule.conditions().stream().anyMatch(c -> c.pathPatternConfig() != null
                        && c.pathPatternConfig().values().equals(List.of(pathPattern))))
                .map(Rule::priority).map(Integer::valueOf).findFirst();
    }

    private static String ruleArnFor(String pathPattern) {
        return SANDBOX.aws().elb().describeRules(r -> r.listenerArn(SANDBOX.listenerArn())).rules().stream()
                .filter(rule -> rule.conditions().stream().anyMatch(c -> c.pathPatternConfig() != null
                        && c.pathPatternConfig().values().equals(List.of(pathPattern))))
                .map(Rule::ruleArn).findFirst().orElseThrow();
    }

    private static Map<String, Long> writes() {
        Map<String, Long> writes = new TreeMap<>(SANDBOX.callCounts());
        writes.keySet().removeIf(call -> !OperatorOnSandbox.isWrite(call));
        return writes;
    }

    @Test
    void aPathAppAddedAfterACatchAllAppIsEvaluatedBeforeIt() {
        // With priorities hashed from the names, default/catch-all came out lower than default/api.
        SANDBOX.create(app("catch-all", "pathPatterns: [\"/*\"]"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("catch-all"));
        SANDBOX.create(app("api", "pathPatterns: [\"/api/*\"]"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("api"));

        assertThat(priorityOfRuleFor("/api/*")).get().satisfies(api ->
                assertThat(api).isLessThan(priorityOfRuleFor("/*").orElseThrow()));
    }

    @Test
    void anAppWithTheSamePathAsAnotherIsRefusedBeforeAnyAwsWrite() {
        SANDBOX.create(app("orders", "pathPatterns: [\"/orders/*\"]"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("orders"));
        // Let the rollout's tail settle: from here on the Ready apps' resyncs only read.
        await().pollDelay(OperatorOnSandbox.POLL_WHEN_READY).atMost(Duration.ofSeconds(10))
                .until(() -> SANDBOX.ready("orders"));
        Map<String, Long> writesBefore = writes();

        // Its second path is the one the other app has: a request for /orders/1 would match both rules.
        SANDBOX.create(app("orders-copy", "pathPatterns: [\"/x/*\", \"/orders/*\"]"));

        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.isTrue("orders-copy", "Degraded"));
        Condition degraded = SANDBOX.condition("orders-copy", "Degraded").orElseThrow();
        assertThat(degraded.reason()).isEqualTo("RuleOverlap");
        assertThat(SANDBOX.isTrue("orders-copy", "Stalled")).isTrue();
        assertThat(degraded.message()).contains("RuleOverlap", "spec.loadBalancer.pathPatterns[1]", "default/orders");
        assertThat(writes()).as("AWS writes while the overlapping app was refused").isEqualTo(writesBefore);
        assertThat(SANDBOX.state().path("logs").findValuesAsText("logGroupName"))
                .doesNotContain("/ecs/default/orders-copy");
        assertThat(SANDBOX.state().path("elasticloadbalancing").findValuesAsText("TargetGroupName"))
                .noneMatch(name -> name.startsWith("orders-copy"));
        assertThat(SANDBOX.ready("orders")).isTrue();
    }

    @Test
    void aPriorityOrHostKeptForOtherNamespacesIsRefusedBeforeAnyAwsWrite() {
        SANDBOX.create(app("early", "pathPatterns: [\"/early/*\"]\n  priority: 5"));
        SANDBOX.create(app("kept", "hosts: [www.example.com, status.platform.example.com]"));

        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.isTrue("early", "Degraded")
                && SANDBOX.isTrue("kept", "Degraded"));
        assertThat(SANDBOX.condition("early", "Degraded").orElseThrow().reason()).isEqualTo("NotAllowed");
        assertThat(SANDBOX.condition("early", "Degraded").orElseThrow().message())
                .startsWith("PriorityNotAllowed: spec.loadBalancer.priority 5")
                .contains("--priority-namespaces", "ECSAPP_PRIORITY_NAMESPACES");
        assertThat(SANDBOX.condition("kept", "Degraded").orElseThrow().message())
                .startsWith("HostNotAllowed: spec.loadBalancer.hosts[1] \"status.platform.example.com\"")
                .contains("--host-namespaces", "ECSAPP_HOST_NAMESPACES");
        assertThat(SANDBOX.state().path("logs").findValuesAsText("logGroupName"))
                .doesNotContain("/ecs/default/early", "/ecs/default/kept");
    }

    @Test
    void aRuleFoundAtAPriorityOutsideItsBandIsMovedBack() {
        SANDBOX.create(app("moved", "pathPatterns: [\"/moved/*\"]"));
        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("moved"));
        int chosen = priorityOfRuleFor("/moved/*").orElseThrow();

        // Where the operator before priorities by specificity would have put it: hashed from the app's name.
        SANDBOX.aws().elb().setRulePriorities(r -> r.rulePriorities(p -> p.ruleArn(ruleArnFor("/moved/*"))
                .priority(1500)));

        await().atMost(Duration.ofSeconds(30)).until(() -> priorityOfRuleFor("/moved/*").orElseThrow() == chosen);
    }
}
