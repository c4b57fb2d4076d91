package dev.ecsapp.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.SandboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

/** AWS's documented ECS and ELBv2 rates on the sandbox clock, frozen here so that no token refills between calls. */
class ThrottlingTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private EcsClient ecs;

    @BeforeEach
    void throttleOnTimeFrozen() throws Exception {
        sandbox.control("POST", "throttling", "{\"enabled\":true}");
        sandbox.control("POST", "time", "{\"speed\":0}");
        ecs = sandbox.client(EcsClient.builder().overrideConfiguration(o -> o.retryStrategy(
                AwsRetryStrategy.doNotRetry())));
    }

    @AfterEach
    void restore() throws Exception {
        ecs.close();
        sandbox.control("POST", "throttling", "{\"enabled\":false}");
        sandbox.control("POST", "time", "{\"speed\":1}");
    }

    /** Calls until the first throttling error (at most limit + 5 calls); returns how many succeeded. */
    private int succeededBeforeThrottling(Runnable call, int limit) {
        for (int i = 0; i < limit + 5; i++) {
            try {
                call.run();
            } catch (EcsException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(e.statusCode()).isEqualTo(400);
                return i;
            }
        }
        return limit + 5;
    }

    @Test
    void describeServicesAllowsABurstOfOneHundred() {
        int ok = succeededBeforeThrottling(() -> ecs.describeServices(r -> r.cluster("sandbox").services("x")), 100);

        assertThat(ok).isEqualTo(100);
    }

    @Test
    void registerTaskDefinitionAllowsTwentyThenRefillsOnePerSecond() throws Exception {
        Runnable register = () -> ecs.registerTaskDefinition(r -> r.family("t").containerDefinitions(c -> c
                .name("app").image("nginx")));
        assertThat(succeededBeforeThrottling(register, 20)).isEqualTo(20);

        sandbox.advance(Duration.ofSeconds(3));

        assertThat(succeededBeforeThrottling(register, 3)).isEqualTo(3);
    }

    /** Calls until ELBv2's throttling error; returns how many succeeded. */
    private static int elbSucceededBeforeThrottling(Runnable call, int limit) {
        for (int i = 0; i < limit + 5; i++) {
            try {
                call.run();
            } catch (ElasticLoadBalancingV2Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                return i;
            }
        }
        return limit + 5;
    }

    @Test
    void elbv2DescribeCallsShareABucketOfForty() {
        try (ElasticLoadBalancingV2Client elb = sandbox.client(ElasticLoadBalancingV2Client.builder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())))) {
            int ok = elbSucceededBeforeThrottling(() -> elb.describeLoadBalancers(), 40);

            assertThat(ok).isEqualTo(40);
            assertThat(elbSucceededBeforeThrottling(() -> elb.describeTargetGroups(), 1)).isZero();
        }
    }

    @Test
    void theAccountWideElbv2BucketThrottlesOtherActionsToo() {
        try (ElasticLoadBalancingV2Client elb = sandbox.client(ElasticLoadBalancingV2Client.builder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())))) {
            elbSucceededBeforeThrottling(() -> elb.describeLoadBalancers(), 40);

            // CreateTargetGroup has a bucket of its own, but every ELBv2 call also spends an account-wide token.
            assertThat(elbSucceededBeforeThrottling(() -> elb.createTargetGroup(r -> r.name("t").protocol("HTTP")
                    .port(80).targetType("ip").vpcId(dev.ecsapp.sandbox.aws.ec2.Ec2Api.VPC_ID)), 1)).isZero();
        }
    }

    @Test
    void bucketsAreKeptPerActionGroup() {
        succeededBeforeThrottling(() -> ecs.describeServices(r -> r.cluster("sandbox").services("x")), 100);

        assertThat(ecs.listTasks(r -> r.cluster("sandbox")).taskArns()).isEmpty();
    }
}
