package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specs the CRD schema accepts but the operator's validation refuses, applied all at once next to one valid app:
 * each says which field is wrong, none reaches AWS, and the valid app is not held up by them.
 */
class InvalidSpecsTest {

    /** A spec the schema takes and the validator refuses, and the field the refusal must name. */
    record Invalid(String name, String spec, String field) {
    }

    static final List<Invalid> INVALID = List.of(
            new Invalid("no-tag", "image: shop/checkout", "spec.image"),
            new Invalid("registry-port", "image: registry.example.com:5000/shop/checkout", "spec.image"),
            new Invalid("cpu-words", "{image: 'shop:1', cpu: 'two cores'}", "spec.cpu"),
            new Invalid("cpu-size", "{image: 'shop:1', cpu: 300}", "spec.cpu"),
            new Invalid("memory-words", "{image: 'shop:1', memory: 'lots'}", "spec.memory"),
            new Invalid("memory-fit", "{image: 'shop:1', cpu: 256, memory: 4096}", "spec.memory"),
            new Invalid("memory-gb-fit", "{image: 'shop:1', cpu: '1 vCPU', memory: '1 GB'}", "spec.memory"),
            new Invalid("subnet-id", "{image: 'shop:1', network: {subnets: [subnet-0a1b2c3d, private-a]}}",
                    "spec.network.subnets[1]"),
            new Invalid("sg-id", "{image: 'shop:1', network: {securityGroups: [default]}}",
                    "spec.network.securityGroups[0]"),
            new Invalid("env-twice", "{image: 'shop:1', env: [{name: A, value: '1'}, {name: B}, {name: A, value: '2'}]}",
                    "spec.env[2].name"),
            new Invalid("secret-shadows-env", "{image: 'shop:1', env: [{name: DB_PASSWORD, value: x}], secrets: "
                    + "[{name: DB_PASSWORD, valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db'}]}",
                    "spec.secrets[0].name"),
            new Invalid("app-version", "{image: 'shop:1', env: [{name: APP_VERSION, value: '9'}]}", "spec.env[0].name"),
            new Invalid("ssm-document", "{image: 'shop:1', secrets: [{name: K, valueFrom: "
                    + "'arn:aws:ssm:us-east-1:123456789012:document/x'}]}", "spec.secrets[0].valueFrom"),
            new Invalid("secret-suffix", "{image: 'shop:1', secrets: [{name: K, valueFrom: "
                    + "'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password'}]}",
                    "spec.secrets[0].valueFrom"),
            new Invalid("check-cmd", "{image: 'shop:1', healthCheck: {command: [curl, -f, 'http://localhost/']}}",
                    "spec.healthCheck.command[0]"),
            new Invalid("check-shell", "{image: 'shop:1', healthCheck: {command: [CMD-SHELL, curl, -f, "
                    + "'http://localhost/']}}", "spec.healthCheck.command"),
            new Invalid("check-timeout", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], intervalSeconds: 10, "
                    + "timeoutSeconds: 10}}", "spec.healthCheck.timeoutSeconds"),
            new Invalid("target-timeout", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], healthCheck: "
                    + "{intervalSeconds: 5, timeoutSeconds: 6}}}", "spec.loadBalancer.healthCheck.timeoutSeconds"),
            new Invalid("six-values", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a, /b, /c, /d], hosts: "
                    + "[a.example.com, b.example.com]}}", "spec.loadBalancer"),
            new Invalid("six-wildcards", "{image: 'shop:1', loadBalancer: {pathPatterns: ['/a/*/*/*', '/b/???']}}",
                    "spec.loadBalancer"),
            new Invalid("path-chars", "{image: 'shop:1', loadBalancer: {pathPatterns: ['/shop/{id}']}}",
                    "spec.loadBalancer.pathPatterns[0]"),
            new Invalid("path-length", "{image: 'shop:1', loadBalancer: {pathPatterns: [/" + "a".repeat(128) + "]}}",
                    "spec.loadBalancer.pathPatterns[0]"),
            new Invalid("host-scheme", "{image: 'shop:1', loadBalancer: {hosts: ['https://shop.example.com']}}",
                    "spec.loadBalancer.hosts[0]"),
            new Invalid("host-dot", "{image: 'shop:1', loadBalancer: {hosts: [localhost]}}",
                    "spec.loadBalancer.hosts[0]"),
            new Invalid("rollout-room", "{image: 'shop:1', rollout: {minimumHealthyPercent: 100, maximumPercent: 100}}",
                    "spec.rollout.maximumPercent"),
            new Invalid("provider-twice", "{image: 'shop:1', capacityProviders: [{provider: FARGATE}, "
                    + "{provider: FARGATE}]}", "spec.capacityProviders[1].provider"),
            new Invalid("two-bases", "{image: 'shop:1', capacityProviders: [{provider: FARGATE, base: 1}, "
                    + "{provider: FARGATE_SPOT, base: 2}]}", "spec.capacityProviders"),
            new Invalid("no-weight", "{image: 'shop:1', capacityProviders: [{provider: FARGATE_SPOT, weight: 0}]}",
                    "spec.capacityProviders"),
            new Invalid("aws-tag", "{image: 'shop:1', tags: {'aws:team': shop}}", "spec.tags[aws:team]"),
            new Invalid("operator-tag", "{image: 'shop:1', tags: {'ecsapp.dev/owner': someone}}",
                    "spec.tags[ecsapp.dev/owner]"),
            new Invalid("tag-value", "{image: 'shop:1', tags: {team: 'shop;drop'}}", "spec.tags[team]"),
            // Stopped at admission by the schema's required and CEL rules, here as if admission had been skipped.
            new Invalid("no-image", "{replicas: 1}", "spec.image"),
            new Invalid("rule-without-match", "{image: 'shop:1', loadBalancer: {priority: 10}}", "spec.loadBalancer"),
            new Invalid("check-no-command", "{image: 'shop:1', healthCheck: {intervalSeconds: 10}}",
                    "spec.healthCheck.command"),
            new Invalid("env-no-name", "{image: 'shop:1', env: [{value: x}]}", "spec.env[0].name"),
            new Invalid("secret-no-arn", "{image: 'shop:1', secrets: [{name: K}]}", "spec.secrets[0].valueFrom"),
            new Invalid("provider-missing", "{image: 'shop:1', capacityProviders: [{weight: 1}]}",
                    "spec.capacityProviders[0].provider"),
            new Invalid("scaling-no-min", "{image: 'shop:1', autoscaling: {maxReplicas: 3, targetCpuPercent: 50}}",
                    "spec.autoscaling.minReplicas"),
            new Invalid("scaling-no-target", "{image: 'shop:1', autoscaling: {minReplicas: 1, maxReplicas: 3}}",
                    "spec.autoscaling"),
            new Invalid("replicas-and-scaling", "{image: 'shop:1', replicas: 2, autoscaling: {minReplicas: 1, "
                    + "maxReplicas: 3, targetCpuPercent: 50}}", "spec.replicas"),
            new Invalid("rollback-no-breaker", "{image: 'shop:1', rollout: {circuitBreaker: false}}",
                    "spec.rollout.rollback"),
            new Invalid("retention-10", "{image: 'shop:1', logRetentionDays: 10}", "spec.logRetentionDays"),
            new Invalid("port-range", "{image: 'shop:1', containerPort: 70000}", "spec.containerPort"),
            new Invalid("env-name-form", "{image: 'shop:1', env: [{name: 1A, value: x}]}", "spec.env[0].name"));

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox().withOpenSpecSchema();

    @Test
    void eachInvalidSpecIsDegradedNamingItsFieldWithoutAnyAwsWriteWhileAValidAppBecomesReady() {
        SANDBOX.clearCalls();

        INVALID.forEach(invalid -> SANDBOX.create(app(invalid.name(), invalid.spec())));
        SANDBOX.create(webApp("valid", "nginx:1.27", "replicas: 1"));

        await().atMost(Duration.ofSeconds(90)).until(() -> SANDBOX.ready("valid")
                && INVALID.stream().allMatch(invalid -> SANDBOX.isTrue(invalid.name(), Conditions.DEGRADED)));
        assertThat(INVALID).hasSizeGreaterThanOrEqualTo(20).allSatisfy(invalid -> {
            Condition degraded = SANDBOX.condition(invalid.name(), Conditions.DEGRADED).orElseThrow();
            assertThat(degraded.reason()).as(invalid.name()).isEqualTo(Conditions.REASON_INVALID_SPEC);
            assertThat(degraded.message()).as(invalid.name()).contains(invalid.field());
            assertThat(SANDBOX.ready(invalid.name())).as(invalid.name()).isFalse();
        });
        assertThat(SANDBOX.calls("ecs", "CreateService")).isEqualTo(1);
        assertThat(SANDBOX.calls("ecs", "RegisterTaskDefinition")).isEqualTo(1);
        assertThat(SANDBOX.calls("elasticloadbalancing", "CreateTargetGroup")).isEqualTo(1);
        assertThat(SANDBOX.calls("elasticloadbalancing", "CreateRule")).isEqualTo(1);
        assertThat(SANDBOX.calls("logs", "CreateLogGroup")).isEqualTo(1);
        assertThat(SANDBOX.state().path("ecs").path("taskDefinitions").findValuesAsText("family"))
                .containsExactly("default_valid");
    }
}
