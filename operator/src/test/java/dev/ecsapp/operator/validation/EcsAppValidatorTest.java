package dev.ecsapp.operator.validation;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ecsapp.operator.Specs;
import dev.ecsapp.operator.config.OperatorDefaults;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EcsAppValidatorTest {

    private final EcsAppValidator validator = new EcsAppValidator();

    @Test
    void theFullExampleIsValidWithoutAnyDefaults() {
        assertThat(validator.validate(Specs.example("full.yaml").getSpec(), OperatorDefaults.none())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "worker.yaml"})
    void theShortExamplesAreValidWithTheOperatorsDefaults(String example) {
        assertThat(validator.validate(Specs.example(example).getSpec(), DEFAULTS)).isEmpty();
    }

    @Test
    void theMinimalExampleWithoutDefaultsNamesEverySettingItLacks() {
        assertThat(validator.validate(Specs.example("minimal.yaml").getSpec(), OperatorDefaults.none()))
                .extracting(Violation::fieldPath)
                .containsExactly("spec.cluster", "spec.region", "spec.network.subnets", "spec.executionRoleArn",
                        "spec.loadBalancer.listenerArn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void anInvalidSpecYieldsOneViolationNamingTheFieldAndTheFix(String description, String specYaml,
            String fieldPath, String message) {
        assertThat(validator.validate(spec(specYaml), DEFAULTS))
                .containsExactly(new Violation(fieldPath, message));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                arguments("an image without tag runs whatever latest is",
                        "image: shop/checkout",
                        "spec.image", "image \"shop/checkout\" has no tag, so ECS runs :latest and a push changes "
                                + "what new tasks run; add a tag like :1.4.2 or a digest @sha256:..."),
                arguments("a registry port is not a tag",
                        "image: registry.example.com:5000/shop/checkout",
                        "spec.image", "image \"registry.example.com:5000/shop/checkout\" has no tag, so ECS runs "
                                + ":latest and a push changes what new tasks run; add a tag like :1.4.2 or a digest "
                                + "@sha256:..."),
                arguments("cpu must be readable",
                        "{image: 'shop:1', cpu: 'two cores'}",
                        "spec.cpu", "cpu \"two cores\" is not a size; write CPU units such as 256 or 1024, or vCPU "
                                + "such as \"0.25 vCPU\""),
                arguments("cpu must be a Fargate size",
                        "{image: 'shop:1', cpu: 300}",
                        "spec.cpu", "Fargate has no task with cpu 300; use one of [256, 512, 1024, 2048, 4096, 8192, "
                                + "16384]"),
                arguments("memory must be readable",
                        "{image: 'shop:1', memory: 'lots'}",
                        "spec.memory", "memory \"lots\" is not a size; write MiB such as 512 or 2048, or GB such as "
                                + "\"0.5 GB\""),
                arguments("memory must fit the cpu",
                        "{image: 'shop:1', cpu: 256, memory: 4096}",
                        "spec.memory", "Fargate has no task with cpu 256 and memory 4096 MiB; with this cpu use "
                                + "memory from 512 to 2048 MiB in steps of 512, or change cpu"),
                arguments("memory in GB must fit the cpu in vCPU",
                        "{image: 'shop:1', cpu: '1 vCPU', memory: '1 GB'}",
                        "spec.memory", "Fargate has no task with cpu 1024 and memory 1024 MiB; with this cpu use "
                                + "memory from 2048 to 8192 MiB in steps of 1024, or change cpu"),
                arguments("subnet ids have a form",
                        "{image: 'shop:1', network: {subnets: [subnet-0a1b2c3d, private-a]}}",
                        "spec.network.subnets[1]", "\"private-a\" is not an id of the form subnet-0123456789abcdef0"),
                arguments("security group ids have a form",
                        "{image: 'shop:1', network: {securityGroups: [default]}}",
                        "spec.network.securityGroups[0]", "\"default\" is not an id of the form sg-0123456789abcdef0"),
                arguments("an env name may appear once",
                        "{image: 'shop:1', env: [{name: A, value: '1'}, {name: B}, {name: A, value: '2'}]}",
                        "spec.env[2].name", "A is set twice (first at spec.env[0].name); keep one"),
                arguments("a secret may not shadow an env variable",
                        "{image: 'shop:1', env: [{name: DB_PASSWORD, value: x}], secrets: [{name: DB_PASSWORD, "
                                + "valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db'}]}",
                        "spec.secrets[0].name", "DB_PASSWORD is set twice (first at spec.env[0].name); keep one"),
                arguments("APP_VERSION belongs to the operator",
                        "{image: 'shop:1', env: [{name: APP_VERSION, value: '9'}]}",
                        "spec.env[0].name", "APP_VERSION is set by the operator to the image's tag; remove it from "
                                + "env"),
                arguments("a secret ARN names a service ECS reads secrets from",
                        "{image: 'shop:1', secrets: [{name: K, valueFrom: 'arn:aws:s3:::bucket/key'}]}",
                        "spec.secrets[0].valueFrom", "\"arn:aws:s3:::bucket/key\" is not a secret ARN ECS reads; "
                                + SecretArns.FORMS),
                arguments("an SSM ARN names a parameter",
                        "{image: 'shop:1', secrets: [{name: K, valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:"
                                + "document/x'}]}",
                        "spec.secrets[0].valueFrom", "\"arn:aws:ssm:eu-west-1:123456789012:document/x\" is not a "
                                + "secret ARN ECS reads; " + SecretArns.FORMS),
                arguments("a Secrets Manager suffix has all three parts",
                        "{image: 'shop:1', secrets: [{name: K, valueFrom: 'arn:aws:secretsmanager:eu-west-1:"
                                + "123456789012:secret:db-AbCdEf:password'}]}",
                        "spec.secrets[0].valueFrom", "\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
                                + ":password\" is not a secret ARN ECS reads; " + SecretArns.FORMS),
                arguments("a health check command starts with CMD or CMD-SHELL",
                        "{image: 'shop:1', healthCheck: {command: [curl, -f, 'http://localhost/']}}",
                        "spec.healthCheck.command[0]", "the command starts with \"curl\"; start it with CMD (then "
                                + "the program and its arguments) or CMD-SHELL (then one shell line)"),
                arguments("CMD-SHELL takes one shell line",
                        "{image: 'shop:1', healthCheck: {command: [CMD-SHELL, curl, -f, 'http://localhost/']}}",
                        "spec.healthCheck.command", "CMD-SHELL takes one shell line, but 3 follow it; join them into "
                                + "one string"),
                arguments("a health check times out before the next one",
                        "{image: 'shop:1', healthCheck: {command: [CMD, true], intervalSeconds: 10, timeoutSeconds: 10}}",
                        "spec.healthCheck.timeoutSeconds", "timeoutSeconds (10) must be less than intervalSeconds "
                                + "(10); lower it or raise the interval"),
                arguments("a target health check times out before the next one",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], healthCheck: {intervalSeconds: 5, "
                                + "timeoutSeconds: 6}}}",
                        "spec.loadBalancer.healthCheck.timeoutSeconds", "timeoutSeconds (6) must be less than "
                                + "intervalSeconds (5); lower it or raise the interval"),
                arguments("the listener is in the app's region",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: [/a], listenerArn: 'arn:aws:elasticloadbalancing:"
                                + "us-east-1:123456789012:listener/app/other/50dc6c495c0c9188/f2f7dc8efc522ab2'}}",
                        "spec.loadBalancer.listenerArn", "the listener is in us-east-1 but the app runs in eu-west-1; "
                                + "use a listener of a load balancer in eu-west-1"),
                arguments("an app runs in the operator's region",
                        "{image: 'shop:1', region: us-east-1}",
                        "spec.region", "this operator manages apps in eu-west-1 only, not us-east-1; remove "
                                + "spec.region, or apply the app where an operator runs with --region=us-east-1"),
                arguments("a rule has at most five condition values",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: [/a, /b, /c, /d], hosts: [a.example.com, "
                                + "b.example.com]}}",
                        "spec.loadBalancer", "pathPatterns and hosts have 6 values together; an ALB rule takes at "
                                + "most 5: merge paths with wildcards (/shop/*) or split the app"),
                arguments("a rule has at most five wildcards",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: ['/a/*/*/*', '/b/???']}}",
                        "spec.loadBalancer", "pathPatterns and hosts use 6 wildcards (* or ?) together; an ALB rule "
                                + "takes at most 5"),
                arguments("a path pattern starts with a slash",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: [shop/*]}}",
                        "spec.loadBalancer.pathPatterns[0]", "path pattern \"shop/*\" must start with /, e.g. /shop/*"),
                arguments("a path pattern uses ALB's characters",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: ['/shop/{id}']}}",
                        "spec.loadBalancer.pathPatterns[0]", "path pattern \"/shop/{id}\" has a character ALB does "
                                + "not match; use letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?"),
                arguments("a path pattern has at most 128 characters",
                        "{image: 'shop:1', loadBalancer: {pathPatterns: [/" + "a".repeat(128) + "]}}",
                        "spec.loadBalancer.pathPatterns[0]", "path pattern has 129 characters; ALB takes at most 128"),
                arguments("a host has no scheme",
                        "{image: 'shop:1', loadBalancer: {hosts: ['https://shop.example.com']}}",
                        "spec.loadBalancer.hosts[0]", "host \"https://shop.example.com\" has a character ALB does not "
                                + "match; use letters, digits, - . and the wildcards * and ?, without scheme, port or "
                                + "path"),
                arguments("ECS takes only sha256 digests",
                        "image: shop@sha512:" + "ab".repeat(64),
                        "spec.image", "the digest \"sha512:" + "ab".repeat(64) + "\" is not sha256: and 64 "
                                + "hexadecimal digits, the only digest ECS takes"),
                arguments("a sha256 digest has 64 hexadecimal digits",
                        "image: shop@sha256:94afd1f2e64d908bc90dbca0035a5b567",
                        "spec.image", "the digest \"sha256:94afd1f2e64d908bc90dbca0035a5b567\" is not sha256: and 64 "
                                + "hexadecimal digits, the only digest ECS takes"),
                arguments("ECS takes at most 255 characters of image",
                        "image: " + "a".repeat(254) + ":1",
                        "spec.image", "image has 256 characters; ECS takes at most 255"),
                arguments("ECS takes at most 255 characters before the digest",
                        "image: " + "a".repeat(256) + "@sha256:" + "0".repeat(64),
                        "spec.image", "image has 256 characters before the digest; ECS takes at most 255"),
                arguments("an image uses the characters ECS takes",
                        "image: shop:1+build7",
                        "spec.image", "image \"shop:1+build7\" has a character ECS does not take; use letters, digits "
                                + "and - _ . : / #, and @sha256:... for a digest"),
                arguments("a host ends in letters",
                        "{image: 'shop:1', loadBalancer: {hosts: [shop.example.123]}}",
                        "spec.loadBalancer.hosts[0]", "host \"shop.example.123\" ends in \"123\"; ALB takes only "
                                + "letters after the last dot"),
                arguments("a host does not end in a wildcard",
                        "{image: 'shop:1', loadBalancer: {hosts: ['shop.example.*']}}",
                        "spec.loadBalancer.hosts[0]", "host \"shop.example.*\" ends in \"*\"; ALB takes only "
                                + "letters after the last dot"),
                arguments("a secret is in the partition of the app's region",
                        "{image: 'shop:1', secrets: [{name: K, valueFrom: 'arn:aws-cn:ssm:cn-north-1:123456789012:"
                                + "parameter/db'}]}",
                        "spec.secrets[0].valueFrom", "the secret is in the aws-cn partition but the app runs in "
                                + "eu-west-1 (aws); ECS reads secrets of its own partition only: use an ARN starting "
                                + "with arn:aws:"),
                arguments("an app outside GovCloud reads no GovCloud secret",
                        "{image: 'shop:1', secrets: [{name: K, valueFrom: "
                                + "'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf'}]}",
                        "spec.secrets[0].valueFrom", "the secret is in the aws-us-gov partition but the app runs in "
                                + "eu-west-1 (aws); ECS reads secrets of its own partition only: use an ARN "
                                + "starting with arn:aws:"),
                arguments("a host has a dot",
                        "{image: 'shop:1', loadBalancer: {hosts: [localhost]}}",
                        "spec.loadBalancer.hosts[0]", "host \"localhost\" needs at least one dot, e.g. "
                                + "localhost.example.com"),
                arguments("a rollout leaves room to replace tasks",
                        "{image: 'shop:1', rollout: {minimumHealthyPercent: 100, maximumPercent: 100}}",
                        "spec.rollout.maximumPercent", "maximumPercent (100) must exceed minimumHealthyPercent (100), "
                                + "or ECS can neither start a new task nor stop an old one; raise maximumPercent or "
                                + "lower minimumHealthyPercent"),
                arguments("a capacity provider is listed once",
                        "{image: 'shop:1', capacityProviders: [{provider: FARGATE}, {provider: FARGATE}]}",
                        "spec.capacityProviders[1].provider", "FARGATE is listed twice; list each capacity provider "
                                + "once"),
                arguments("only one capacity provider has a base",
                        "{image: 'shop:1', capacityProviders: [{provider: FARGATE, base: 1}, {provider: FARGATE_SPOT, "
                                + "base: 2}]}",
                        "spec.capacityProviders", "more than one capacity provider has a base; ECS allows a base on "
                                + "one provider only"),
                arguments("some capacity provider has weight",
                        "{image: 'shop:1', capacityProviders: [{provider: FARGATE_SPOT, weight: 0}]}",
                        "spec.capacityProviders", "every capacity provider has weight 0, so ECS places no task beyond "
                                + "the base; give at least one a weight of 1 or more"),
                arguments("aws: tags are AWS's",
                        "{image: 'shop:1', tags: {'aws:team': shop}}",
                        "spec.tags[aws:team]", "keys starting with aws: are AWS's own; rename the tag"),
                arguments("ecsapp.dev/ tags are the operator's",
                        "{image: 'shop:1', tags: {'ecsapp.dev/owner': someone}}",
                        "spec.tags[ecsapp.dev/owner]", "keys starting with ecsapp.dev/ are the operator's own; "
                                + "rename the tag"),
                arguments("tag values use AWS's characters",
                        "{image: 'shop:1', tags: {team: 'shop;drop'}}",
                        "spec.tags[team]", "a tag value has up to 256 letters, digits, spaces and _ . : / = + - @"));
    }

    // The schema's `required` and CEL rules stop these at admission, but an object may skip admission: each must end
    // as a violation naming the field, never as an exception, and DesiredState.of is only reached without violations.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty spec                              | {}                                                           | spec.image
            no image                                   | {replicas: 1}                                                | spec.image
            a load balancer without paths or hosts     | {image: 'shop:1', loadBalancer: {priority: 10}}              | spec.loadBalancer
            a load balancer with empty paths and hosts | {image: 'shop:1', loadBalancer: {pathPatterns: [], hosts: []}} | spec.loadBalancer
            a health check without command             | {image: 'shop:1', healthCheck: {intervalSeconds: 10}}        | spec.healthCheck.command
            an env item without name                   | {image: 'shop:1', env: [{value: x}]}                          | spec.env[0].name
            a secret without valueFrom                 | {image: 'shop:1', secrets: [{name: K}]}                       | spec.secrets[0].valueFrom
            a secret without name                      | {image: 'shop:1', secrets: [{valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db'}]} | spec.secrets[0].name
            a capacity provider without provider       | {image: 'shop:1', capacityProviders: [{weight: 1}]}          | spec.capacityProviders[0].provider
            two capacity providers without provider    | {image: 'shop:1', capacityProviders: [{weight: 1}, {weight: 2}]} | spec.capacityProviders[1].provider
            autoscaling without minReplicas            | {image: 'shop:1', autoscaling: {maxReplicas: 3, targetCpuPercent: 50}} | spec.autoscaling.minReplicas
            autoscaling without maxReplicas            | {image: 'shop:1', autoscaling: {minReplicas: 1, targetCpuPercent: 50}} | spec.autoscaling.maxReplicas
            autoscaling without a target               | {image: 'shop:1', autoscaling: {minReplicas: 1, maxReplicas: 3}} | spec.autoscaling
            """)
    void aMissingValueIsAViolationNamingTheFieldNotAnException(String description, String specYaml,
            String fieldPath) {
        assertThat(validator.validate(spec(specYaml), DEFAULTS)).extracting(Violation::fieldPath).contains(fieldPath);
    }

    @Test
    void aMissingRequiredValueSaysSo() {
        assertThat(validator.validate(spec("{replicas: 1}"), DEFAULTS))
                .containsExactly(new Violation("spec.image", "required but missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop@sha256:94AFD1F2E64D908BC90DBCA0035A5B56"
                    + "94afd1f2e64d908bc90dbca0035a5b56",
            "registry.example.com:5000/shop/checkout:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef"
                    + "0123456789abcdef",
            "quay.io/team/app:build#42"})
    void anImageEcsTakesIsValid(String image) {
        assertThat(validator.validate(spec("image: '" + image + "'"), DEFAULTS)).isEmpty();
    }

    @Test
    void anImageOf255CharactersBeforeItsDigestIsValid() {
        String image = "a".repeat(253) + ":1@sha256:" + "f".repeat(64);

        assertThat(validator.validate(spec("image: '" + image + "'"), DEFAULTS)).isEmpty();
    }

    @Test
    void anAppInChinaReadsSecretsOfTheChinaPartition() {
        OperatorDefaults inChina = new OperatorDefaults(DEFAULTS.cluster(), "cn-north-1", DEFAULTS.subnets(),
                DEFAULTS.securityGroups(), null, DEFAULTS.executionRoleArn(), DEFAULTS.taskRoleArn());
        assertThat(validator.validate(spec("{image: 'shop:1', secrets: [{name: K, valueFrom: "
                + "'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db'}]}"), inChina)).isEmpty();
    }

    @Test
    void theListenerMayComeFromTheAppAlone() {
        OperatorDefaults withoutListener = new OperatorDefaults("production", "eu-west-1", DEFAULTS.subnets(),
                DEFAULTS.securityGroups(), null, DEFAULTS.executionRoleArn(), null);

        assertThat(validator.validate(spec("{image: 'shop:1', loadBalancer: {listenerArn: '" + Specs.LISTENER_ARN
                + "', hosts: [shop.example.com]}}"), withoutListener)).isEmpty();
    }

    @Test
    void everyProblemOfASpecIsReportedAtOnce() {
        assertThat(validator.validate(spec("{image: shop, cpu: 300, tags: {'aws:x': y}}"), DEFAULTS))
                .extracting(Violation::fieldPath)
                .containsExactly("spec.image", "spec.cpu", "spec.tags[aws:x]");
    }
}
