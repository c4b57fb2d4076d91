package dev.ecsapp.operator.validation;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.ecsapp.operator.CrdCel;
import dev.ecsapp.operator.CrdFiles;
import dev.ecsapp.operator.CrdSchema;
import dev.ecsapp.operator.Specs;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same specs through both gates: the generated CRD (its structural schema, as {@code kubectl apply
 * --validate=strict} would apply it, then its CEL rules) and the operator (its strict reading, then the validator).
 * They must agree on accept or refuse, and name the same field: a refused object that skipped admission is still
 * refused before any AWS call, and one the API server takes is one the operator deploys.
 */
class SchemaAndValidatorAgreeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String SSM = "arn:aws:ssm:eu-west-1:123456789012:parameter/db";
    private static final EcsAppValidator VALIDATOR = new EcsAppValidator();
    private static JsonNode specSchema;
    private static Schema structural;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonNode schema = CrdFiles.generatedSchema();
        specSchema = schema.at("/properties/spec");
        structural = CrdSchema.strictValidator(schema);
    }

    /** A spec both must take. */
    private static Arguments accepted(String name, String specYaml) {
        return arguments(name, specYaml, null);
    }

    /** A spec both must refuse, naming {@code field} (the schema may name the object holding the rule instead). */
    private static Arguments refused(String name, String specYaml, String field) {
        return arguments(name, specYaml, field);
    }

    private static String times(int count, String item) {
        return IntStream.range(0, count).mapToObj(i -> item.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                // patterns
                accepted("an image with registry port, path and tag",
                        "{image: 'registry.example.com:5000/shop/a:1.4'}"),
                refused("an image with a space", "{image: 'shop :1'}", "spec.image"),
                // ECS's image limits
                accepted("an image pinned by a sha256 digest", "{image: 'shop@sha256:" + "0a".repeat(32) + "'}"),
                accepted("an image of 255 characters before its digest", "{image: '" + "a".repeat(255) + "@sha256:"
                        + "F".repeat(64) + "'}"),
                refused("a sha512 digest", "{image: 'shop@sha512:" + "0a".repeat(64) + "'}", "spec.image"),
                refused("a digest of 63 hexadecimal digits", "{image: 'shop@sha256:" + "a".repeat(63) + "'}",
                        "spec.image"),
                refused("an image of 256 characters", "{image: '" + "a".repeat(254) + ":1'}", "spec.image"),
                refused("an image with a plus", "{image: 'shop:1+build'}", "spec.image"),
                // ALB's host names
                accepted("a wildcard host", "{image: 'shop:1', loadBalancer: {hosts: ['*.example.com', 'shop-?.example."
                        + "org']}}"),
                refused("a host ending in digits", "{image: 'shop:1', loadBalancer: {hosts: [shop.example.123]}}",
                        "spec.loadBalancer.hosts[0]"),
                refused("a host without a dot", "{image: 'shop:1', loadBalancer: {hosts: [localhost]}}",
                        "spec.loadBalancer.hosts[0]"),
                refused("a host of 129 characters", "{image: 'shop:1', loadBalancer: {hosts: [" + "a".repeat(125)
                        + ".com]}}", "spec.loadBalancer.hosts[0]"),
                refused("a host with a port", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], hosts: ["
                        + "'shop.example.com:8080']}}", "spec.loadBalancer.hosts[0]"),
                accepted("a cluster of letters, digits, _ and -", "{image: 'shop:1', cluster: prod_cluster-2}"),
                refused("a cluster with a space", "{image: 'shop:1', cluster: 'prod cluster'}", "spec.cluster"),
                accepted("a region", "{image: 'shop:1', region: eu-west-1}"),
                refused("a region without its number", "{image: 'shop:1', region: eu-west}", "spec.region"),
                accepted("an env name with underscore and digits", "{image: 'shop:1', env: [{name: _A1, value: x}]}"),
                refused("an env name starting with a digit", "{image: 'shop:1', env: [{name: 1A}]}",
                        "spec.env[0].name"),
                refused("an env name of 256 characters", "{image: 'shop:1', env: [{name: " + "A".repeat(256) + "}]}",
                        "spec.env[0].name"),
                refused("a secret name with a hyphen", "{image: 'shop:1', secrets: [{name: a-b, valueFrom: '" + SSM
                        + "'}]}", "spec.secrets[0].name"),
                accepted("a secret from SSM", "{image: 'shop:1', secrets: [{name: DB, valueFrom: '" + SSM + "'}]}"),
                refused("a secret from S3", "{image: 'shop:1', secrets: [{name: DB, valueFrom: 'arn:aws:s3:::b/k'}]}",
                        "spec.secrets[0].valueFrom"),
                accepted("an execution role",
                        "{image: 'shop:1', executionRoleArn: 'arn:aws:iam::123456789012:role/x'}"),
                refused("an execution role with a short account",
                        "{image: 'shop:1', executionRoleArn: 'arn:aws:iam::1234:role/x'}", "spec.executionRoleArn"),
                refused("a task role that is a user",
                        "{image: 'shop:1', taskRoleArn: 'arn:aws:iam::123456789012:user/x'}", "spec.taskRoleArn"),
                accepted("a listener of the app's region", "{image: 'shop:1', loadBalancer: {listenerArn: '"
                        + Specs.LISTENER_ARN + "', pathPatterns: [/a]}}"),
                refused("a load balancer ARN for a listener", "{image: 'shop:1', loadBalancer: {listenerArn: "
                        + "'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1', "
                        + "pathPatterns: [/a]}}", "spec.loadBalancer.listenerArn"),
                accepted("a repository name with a path",
                        "{image: 'shop:1', repository: {managed: true, name: shop/a}}"),
                refused("a repository name in capitals", "{image: 'shop:1', repository: {name: Shop}}",
                        "spec.repository.name"),
                refused("a repository name of one character", "{image: 'shop:1', repository: {name: a}}",
                        "spec.repository.name"),
                refused("a health check path without slash", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], "
                        + "healthCheck: {path: health}}}", "spec.loadBalancer.healthCheck.path"),
                accepted("a matcher range", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], healthCheck: "
                        + "{matcher: 200-299}}}"),
                refused("a matcher with a dangling dash", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], "
                        + "healthCheck: {matcher: 200-}}}", "spec.loadBalancer.healthCheck.matcher"),
                // ranges
                accepted("the lowest and highest ports", "{image: 'shop:1', containerPort: 1}"),
                accepted("the highest port", "{image: 'shop:1', containerPort: 65535}"),
                refused("port 0", "{image: 'shop:1', containerPort: 0}", "spec.containerPort"),
                refused("port 65536", "{image: 'shop:1', containerPort: 65536}", "spec.containerPort"),
                accepted("no tasks", "{image: 'shop:1', replicas: 0}"),
                refused("5001 tasks", "{image: 'shop:1', replicas: 5001}", "spec.replicas"),
                refused("negative tasks", "{image: 'shop:1', replicas: -1}", "spec.replicas"),
                accepted("autoscaling at its bounds", "{image: 'shop:1', autoscaling: {minReplicas: 0, maxReplicas: "
                        + "5000, targetCpuPercent: 100, targetMemoryPercent: 1}}"),
                refused("autoscaling to 5001", "{image: 'shop:1', autoscaling: {minReplicas: 1, maxReplicas: 5001, "
                        + "targetCpuPercent: 50}}", "spec.autoscaling.maxReplicas"),
                refused("autoscaling to 0", "{image: 'shop:1', autoscaling: {minReplicas: 0, maxReplicas: 0, "
                        + "targetCpuPercent: 50}}", "spec.autoscaling.maxReplicas"),
                refused("a CPU target of 101%", "{image: 'shop:1', autoscaling: {minReplicas: 1, maxReplicas: 3, "
                        + "targetCpuPercent: 101}}", "spec.autoscaling.targetCpuPercent"),
                refused("a memory target of 0%", "{image: 'shop:1', autoscaling: {minReplicas: 1, maxReplicas: 3, "
                        + "targetMemoryPercent: 0}}", "spec.autoscaling.targetMemoryPercent"),
                refused("no requests per target", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a]}, autoscaling: "
                        + "{minReplicas: 1, maxReplicas: 3, requestsPerTarget: 0}}",
                        "spec.autoscaling.requestsPerTarget"),
                accepted("the last rule priority", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], priority: "
                        + "50000}}"),
                refused("priority 0", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], priority: 0}}",
                        "spec.loadBalancer.priority"),
                refused("a negative grace period", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], "
                        + "gracePeriodSeconds: -1}}", "spec.loadBalancer.gracePeriodSeconds"),
                refused("an hour and a second of deregistration delay", "{image: 'shop:1', loadBalancer: "
                        + "{pathPatterns: [/a], deregistrationDelaySeconds: 3601}}",
                        "spec.loadBalancer.deregistrationDelaySeconds"),
                refused("101% healthy", "{image: 'shop:1', rollout: {minimumHealthyPercent: 101}}",
                        "spec.rollout.minimumHealthyPercent"),
                refused("a 201% maximum", "{image: 'shop:1', rollout: {maximumPercent: 201}}",
                        "spec.rollout.maximumPercent"),
                accepted("container checks at their bounds", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], "
                        + "intervalSeconds: 300, timeoutSeconds: 60, retries: 10, startPeriodSeconds: 300}}"),
                refused("a check every 4 s", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], "
                        + "intervalSeconds: 4, timeoutSeconds: 2}}", "spec.healthCheck.intervalSeconds"),
                refused("a check timing out after 1 s", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], "
                        + "timeoutSeconds: 1}}", "spec.healthCheck.timeoutSeconds"),
                refused("11 retries", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], retries: 11}}",
                        "spec.healthCheck.retries"),
                refused("a start period of 301 s", "{image: 'shop:1', healthCheck: {command: [CMD, 'true'], "
                        + "startPeriodSeconds: 301}}", "spec.healthCheck.startPeriodSeconds"),
                refused("one healthy check", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], healthCheck: "
                        + "{healthyThreshold: 1}}}", "spec.loadBalancer.healthCheck.healthyThreshold"),
                refused("11 unhealthy checks", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], healthCheck: "
                        + "{unhealthyThreshold: 11}}}", "spec.loadBalancer.healthCheck.unhealthyThreshold"),
                refused("a target check every 301 s", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], "
                        + "healthCheck: {intervalSeconds: 301}}}", "spec.loadBalancer.healthCheck.intervalSeconds"),
                refused("keeping no image", "{image: 'shop:1', repository: {managed: true, keepLastImages: 0}}",
                        "spec.repository.keepLastImages"),
                refused("a weight of 1001", "{image: 'shop:1', capacityProviders: [{provider: FARGATE, weight: 1001}]}",
                        "spec.capacityProviders[0].weight"),
                refused("a base of 100001", "{image: 'shop:1', capacityProviders: [{provider: FARGATE, base: 100001}]}",
                        "spec.capacityProviders[0].base"),
                // list sizes
                accepted("200 env variables", "{image: 'shop:1', env: " + times(200, "{name: V#}") + "}"),
                refused("201 env variables", "{image: 'shop:1', env: " + times(201, "{name: V#}") + "}", "spec.env"),
                refused("101 secrets",
                        "{image: 'shop:1', secrets: " + times(101, "{name: S#, valueFrom: '" + SSM + "'}") + "}",
                        "spec.secrets"),
                refused("a check command of one item", "{image: 'shop:1', healthCheck: {command: [CMD]}}",
                        "spec.healthCheck.command"),
                refused("a check command of 51 items", "{image: 'shop:1', healthCheck: {command: "
                        + times(51, "CMD") + "}}", "spec.healthCheck.command"),
                refused("17 subnets", "{image: 'shop:1', network: {subnets: " + times(17, "subnet-0a1b2c3d4e5f6070#")
                        + "}}", "spec.network.subnets"),
                refused("6 security groups", "{image: 'shop:1', network: {securityGroups: "
                        + times(6, "sg-0123456789abcdef#") + "}}", "spec.network.securityGroups"),
                refused("6 path patterns", "{image: 'shop:1', loadBalancer: {pathPatterns: " + times(6, "/#") + "}}",
                        "spec.loadBalancer.pathPatterns"),
                refused("6 hosts", "{image: 'shop:1', loadBalancer: {hosts: " + times(6, "h#.example.com") + "}}",
                        "spec.loadBalancer.hosts"),
                refused("3 capacity providers", "{image: 'shop:1', capacityProviders: [{provider: FARGATE}, "
                        + "{provider: FARGATE_SPOT}, {provider: FARGATE}]}", "spec.capacityProviders"),
                // enums
                accepted("each known value", "{image: 'shop:1', deletionPolicy: Retain, capacityProviders: "
                        + "[{provider: FARGATE_SPOT}], repository: {managed: true, tagMutability: IMMUTABLE}}"),
                refused("deletion policy Orphan", "{image: 'shop:1', deletionPolicy: Orphan}", "spec.deletionPolicy"),
                refused("provider FARGATE_X", "{image: 'shop:1', capacityProviders: [{provider: FARGATE_X}]}",
                        "spec.capacityProviders[0].provider"),
                refused("tag mutability Sometimes", "{image: 'shop:1', repository: {tagMutability: Sometimes}}",
                        "spec.repository.tagMutability"),
                // types
                accepted("cpu as text and memory as a number", "{image: 'shop:1', cpu: '0.5 vCPU', memory: 1024}"),
                refused("a word for the port", "{image: 'shop:1', containerPort: http}", "spec.containerPort"),
                refused("a number as text for the port", "{image: 'shop:1', containerPort: '8080'}",
                        "spec.containerPort"),
                refused("a list for the image", "{image: ['shop:1']}", "spec.image"),
                refused("a map for env", "{image: 'shop:1', env: {A: '1'}}", "spec.env"),
                refused("text for a flag", "{image: 'shop:1', network: {assignPublicIp: 'yes'}}",
                        "spec.network.assignPublicIp"),
                refused("a list for cpu", "{image: 'shop:1', cpu: [1]}", "spec.cpu"),
                // unknown fields
                refused("a misspelled field", "{image: 'shop:1', replica: 2}", "spec.replica"),
                refused("a misspelled nested field", "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], hostz: "
                        + "[a.example.com]}}", "spec.loadBalancer.hostz"),
                // required
                refused("no image", "{replicas: 1}", "spec.image"),
                refused("an env variable without name", "{image: 'shop:1', env: [{value: x}]}", "spec.env[0].name"),
                refused("a secret without valueFrom", "{image: 'shop:1', secrets: [{name: K}]}",
                        "spec.secrets[0].valueFrom"),
                refused("a health check without command", "{image: 'shop:1', healthCheck: {intervalSeconds: 10}}",
                        "spec.healthCheck.command"),
                refused("a capacity provider without provider", "{image: 'shop:1', capacityProviders: [{weight: 1}]}",
                        "spec.capacityProviders[0].provider"),
                refused("autoscaling without minReplicas", "{image: 'shop:1', autoscaling: {maxReplicas: 3, "
                        + "targetCpuPercent: 50}}", "spec.autoscaling.minReplicas"),
                // CEL rules
                refused("replicas and autoscaling", "{image: 'shop:1', replicas: 2, autoscaling: {minReplicas: 1, "
                        + "maxReplicas: 3, targetCpuPercent: 50}}", "spec.replicas"),
                accepted("requests per target behind a load balancer", "{image: 'shop:1', loadBalancer: "
                        + "{pathPatterns: [/a]}, autoscaling: {minReplicas: 1, maxReplicas: 3, "
                        + "requestsPerTarget: 100}}"),
                refused("requests per target without a load balancer", "{image: 'shop:1', autoscaling: "
                        + "{minReplicas: 1, maxReplicas: 3, requestsPerTarget: 100}}",
                        "spec.autoscaling.requestsPerTarget"),
                accepted("a log retention CloudWatch offers", "{image: 'shop:1', logRetentionDays: 14}"),
                refused("a log retention CloudWatch does not offer", "{image: 'shop:1', logRetentionDays: 10}",
                        "spec.logRetentionDays"),
                refused("a minimum above the maximum", "{image: 'shop:1', autoscaling: {minReplicas: 4, "
                        + "maxReplicas: 3, targetCpuPercent: 50}}", "spec.autoscaling.minReplicas"),
                refused("autoscaling without a target", "{image: 'shop:1', autoscaling: {minReplicas: 1, "
                        + "maxReplicas: 3}}", "spec.autoscaling"),
                accepted("a host alone", "{image: 'shop:1', loadBalancer: {hosts: [shop.example.com]}}"),
                refused("a load balancer without paths or hosts", "{image: 'shop:1', loadBalancer: {priority: 10}}",
                        "spec.loadBalancer"),
                refused("empty paths and hosts", "{image: 'shop:1', loadBalancer: {pathPatterns: [], hosts: []}}",
                        "spec.loadBalancer"),
                accepted("neither circuit breaker nor rollback", "{image: 'shop:1', rollout: {circuitBreaker: false, "
                        + "rollback: false}}"),
                refused("rollback without circuit breaker", "{image: 'shop:1', rollout: {circuitBreaker: false}}",
                        "spec.rollout.rollback"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theCrdAndTheOperatorAcceptAndRefuseTheSameSpecsNamingTheSameField(String name, String specYaml,
            String field) {
        JsonNode spec = yaml(specYaml);
        List<String> schema = schemaErrors(spec);
        List<Violation> operator = VALIDATOR.validate(read(spec), DEFAULTS);

        if (field == null) {
            assertThat(schema).as("the CRD's errors").isEmpty();
            assertThat(operator).as("the operator's violations").isEmpty();
        } else {
            assertThat(schema).as("the CRD's errors").isNotEmpty()
                    .allSatisfy(path -> assertThat(isAtOrAbove(path, field)).as(path + " at or above " + field)
                            .isTrue());
            assertThat(operator).as("the operator's violations").extracting(Violation::fieldPath).contains(field);
        }
    }

    @Test
    void theCasesCoverEveryKindOfRuleWithBothOutcomes() {
        List<Arguments> cases = specs().toList();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases).filteredOn(c -> c.get()[2] == null).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void theLogRetentionRuleAndTheValidatorAgreeOnEveryDayCount() {
        List<Integer> disagreements = new ArrayList<>();
        for (int days = 0; days <= 4000; days++) {
            JsonNode spec = yaml("{image: 'shop:1', logRetentionDays: " + days + "}");
            boolean schemaTakes = schemaErrors(spec).isEmpty();
            boolean operatorTakes = VALIDATOR.validate(read(spec), DEFAULTS).isEmpty();
            if (schemaTakes != operatorTakes) {
                disagreements.add(days);
            }
        }

        assertThat(disagreements).isEmpty();
    }

    /** Structural errors first; CEL rules run only on what passes them, as the API server's do. */
    private static List<String> schemaErrors(JsonNode spec) {
        ObjectNode manifest = JSON.createObjectNode();
        JsonNode defaulted = spec.deepCopy();
        CrdSchema.applyDefaults(specSchema, defaulted);
        manifest.set("spec", defaulted);
        List<String> errors = structural.validate(manifest.toString(), InputFormat.JSON).stream()
                .map(SchemaAndValidatorAgreeTest::path).toList();
        if (!errors.isEmpty()) {
            return errors;
        }
        return CrdCel.failedRules(specSchema, defaulted, "spec").stream().map(CrdCel.Failure::path).toList();
    }

    /** The error's field as the validator writes it: spec.env[0].name; a missing or unknown field is named too. */
    private static String path(Error error) {
        StringBuilder path = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else if (!"$".equals(element)) {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        if (error.getProperty() != null && List.of("required", "additionalProperties").contains(error.getKeyword())) {
            path.append('.').append(error.getProperty());
        }
        return path.toString();
    }

    /** spec.autoscaling is at or above spec.autoscaling.minReplicas; spec.env is not above spec.envFrom. */
    private static boolean isAtOrAbove(String path, String field) {
        return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
    }

    /** The spec as the informer reads it, stored in an EcsApp. */
    private static EcsApp read(JsonNode spec) {
        ObjectNode stored = JSON.createObjectNode().put("apiVersion", "ecsapp.dev/v1alpha1").put("kind", "EcsApp");
        stored.putObject("metadata").put("name", "shop").put("namespace", "web");
        stored.set("spec", spec);
        return SERIALIZATION.unmarshal(stored.toString(), EcsApp.class);
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
