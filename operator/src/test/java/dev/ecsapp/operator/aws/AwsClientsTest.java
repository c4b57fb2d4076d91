package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

    @AfterEach
    void forgetTheEndpoint() {
        System.clearProperty(ENDPOINT_PROPERTY);
    }

    @Test
    void clientsWithoutAnExplicitEndpointFollowTheSdksEndpointSetting() throws Exception {
        // aws.endpointUrl is the system-property twin of AWS_ENDPOINT_URL, read by the same SDK code; a test cannot
        // set an environment variable of its own process.
        System.setProperty(ENDPOINT_PROPERTY, sandbox.clients().ecs().serviceClientConfiguration().endpointOverride()
                .orElseThrow().toString());
        try (AwsClients clients = new AwsClients(new AwsClients.Target(null, Region.of(sandbox.region()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASANDBOX", "sandbox-secret"))))) {

            assertThat(clients.ecs().listClusters().clusterArns()).containsExactly(
                    "arn:aws:ecs:us-east-1:123456789012:cluster/sandbox");
            assertThat(clients.elb().describeLoadBalancers().loadBalancers()).isNotEmpty();
            assertThat(clients.logs().describeLogGroups().logGroups()).isEmpty();
            assertThat(clients.ecr().describeRepositories().repositories()).isEmpty();
            assertThat(clients.autoScaling().describeScalableTargets(r -> r.serviceNamespace("ecs"))
                    .scalableTargets()).isEmpty();
        }
        assertThat(sandbox.successfulCalls("ecs", "ListClusters")).isEqualTo(1);
    }

    @Test
    void anExplicitEndpointWinsOverTheEnvironment() {
        System.setProperty(ENDPOINT_PROPERTY, "http://127.0.0.1:9");
        URI endpoint = sandbox.clients().ecs().serviceClientConfiguration().endpointOverride().orElseThrow();
        try (AwsClients clients = new AwsClients(new AwsClients.Target(endpoint, Region.of(sandbox.region()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASANDBOX", "sandbox-secret"))))) {

            assertThat(clients.ecs().listClusters().clusterArns()).hasSize(1);
        }
    }
}
