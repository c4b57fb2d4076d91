package dev.ecsapp.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsapp.operator.CrdCel;
import dev.ecsapp.operator.CrdFiles;
import dev.ecsapp.operator.CrdSchema;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluates the CRD's x-kubernetes-validations as the API server would, after applying the schema's defaults. */
class CelRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            replicas alone is accepted                | {image: a, replicas: 2}                                                    |
            autoscaling alone is accepted             | {image: a, autoscaling: {minReplicas: 1, maxReplicas: 3, targetCpuPercent: 50}} |
            replicas and autoscaling are refused      | {image: a, replicas: 2, autoscaling: {minReplicas: 1, maxReplicas: 3, targetCpuPercent: 50}} | set either replicas or autoscaling, not both
            min above max is refused                  | {image: a, autoscaling: {minReplicas: 4, maxReplicas: 3, targetCpuPercent: 50}} | autoscaling.minReplicas must not exceed autoscaling.maxReplicas
            autoscaling without a target is refused   | {image: a, autoscaling: {minReplicas: 1, maxReplicas: 3}}                  | autoscaling needs at least one target
            requests per target needs a load balancer | {image: a, autoscaling: {minReplicas: 1, maxReplicas: 3, requestsPerTarget: 100}} | autoscaling.requestsPerTarget needs a loadBalancer
            an unknown log retention is refused       | {image: a, logRetentionDays: 10}                                           | logRetentionDays must be one of
            the default log retention is accepted     | {image: a}                                                                 |
            a rule without path or host is refused    | {image: a, loadBalancer: {priority: 10}}                                   | loadBalancer needs pathPatterns, hosts or both
            empty paths and hosts are refused         | {image: a, loadBalancer: {pathPatterns: [], hosts: []}}                    | loadBalancer needs pathPatterns, hosts or both
            a host alone is accepted                  | {image: a, loadBalancer: {hosts: [shop.example.com]}}                     |
            rollback without circuit breaker refused  | {image: a, rollout: {circuitBreaker: false}}                               | rollout.rollback needs rollout.circuitBreaker
            no breaker and no rollback is accepted    | {image: a, rollout: {circuitBreaker: false, rollback: false}}              |
            """)
    void theCrdsCelRulesAcceptAndRefuseAsTheirMessagesSay(String name, String specYaml, String expected)
            throws IOException {
        JsonNode specSchema = CrdFiles.generatedSchema().get("properties").get("spec");
        JsonNode spec = YAML.readTree(specYaml);
        CrdSchema.applyDefaults(specSchema, spec);

        List<String> failures = CrdCel.failedRules(specSchema, spec, "spec").stream().map(CrdCel.Failure::message)
                .toList();

        if (expected == null) {
            assertThat(failures).isEmpty();
        } else {
            assertThat(failures).singleElement().asString().startsWith(expected);
        }
    }
}
