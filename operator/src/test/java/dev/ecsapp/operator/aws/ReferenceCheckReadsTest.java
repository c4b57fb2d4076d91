package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.operator.desired.AppReferences;
import dev.ecsapp.operator.desired.AppReferences.Reference;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reference check's reads against the sandbox: what it asks, and what it remembers. */
class ReferenceCheckReadsTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private static final String NO_SUBNET = "subnet-0123456789abcdef0";

    private final MovableClock clock = new MovableClock();
    private ReferenceCheck check;
    private String listenerArn;

    @BeforeEach
    void setUp() {
        check = new ReferenceCheck(sandbox.clients().ec2(), sandbox.clients().elb(), sandbox.clients().ecs(), clock);
        listenerArn = SandboxApps.listenerArn(sandbox);
    }

    private AppReferences references(String subnet, String listener, String cluster) {
        return new AppReferences(List.of(new Reference(Ec2Api.PRIVATE_SUBNET_A, "--subnets", true),
                new Reference(subnet, "spec.network.subnets[1]", false)),
                List.of(new Reference(Ec2Api.TASKS_SECURITY_GROUP, "--security-groups", true)),
                Optional.of(new Reference(listener, "spec.loadBalancer.listenerArn", false)),
                new Reference(cluster, "spec.cluster", false));
    }

    private long reads() throws Exception {
        return sandbox.successfulCalls("ec2", "DescribeSubnets") + sandbox.successfulCalls("ec2",
                "DescribeSecurityGroups") + sandbox.successfulCalls("elasticloadbalancing", "DescribeListeners")
                + sandbox.successfulCalls("elasticloadbalancing", "DescribeLoadBalancers")
                + sandbox.successfulCalls("ecs", "DescribeClusters");
    }

    @Test
    void theSandboxsNetworkListenerAndClusterPassWithOneReadOfEachKindThenNoneWhileRemembered() throws Exception {
        AppReferences valid = references(Ec2Api.PRIVATE_SUBNET_B, listenerArn, SandboxApps.CLUSTER);
        long before = reads(); // finding the listener's ARN above read too

        check.check(valid);
        long first = reads() - before;
        check.check(valid);
        clock.move(ReferenceCheck.REMEMBER.minusSeconds(1));
        check.check(valid);

        assertThat(first).as("subnets, groups, listener, its load balancer, cluster").isEqualTo(5);
        assertThat(reads() - before).as("nothing read again within " + ReferenceCheck.REMEMBER).isEqualTo(first);

        clock.move(Duration.ofSeconds(1));
        check.check(valid);
        assertThat(reads() - before).as("read again once the answers expired").isEqualTo(2 * first);
    }

    @Test
    void aMissingSubnetIsRefusedNamingItsFieldAndIsAskedAboutAgainAtTheNextCheck() throws Exception {
        AppReferences missing = references(NO_SUBNET, listenerArn, SandboxApps.CLUSTER);

        assertThatThrownBy(() -> check.check(missing)).isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(AwsFailure.Kind.TERMINAL);
            assertThat(e.failure().code()).isEqualTo(ReferenceCheck.INVALID_REFERENCE);
            assertThat(e.failure().message()).isEqualTo("spec.network.subnets[1]: the subnet " + NO_SUBNET
                    + " does not exist in this account and region");
        });
        long subnetReads = sandbox.successfulCalls("ec2", "DescribeSubnets");
        assertThatThrownBy(() -> check.check(missing)).isInstanceOf(AwsCallException.class);

        assertThat(sandbox.successfulCalls("ec2", "DescribeSubnets")).as("a missing subnet is not remembered")
                .isEqualTo(subnetReads + 1);
    }

    @Test
    void aMissingListenerAndClusterAreRefusedTogether() {
        String noListener = listenerArn.substring(0, listenerArn.lastIndexOf('/') + 1) + "0123456789abcdef";

        assertThatThrownBy(() -> check.check(references(Ec2Api.PRIVATE_SUBNET_B, noListener, "nowhere")))
                .isInstanceOfSatisfying(AwsCallException.class, e -> assertThat(e.failure().message())
                        .contains("spec.loadBalancer.listenerArn: the listener " + noListener + " does not exist",
                                "spec.cluster: the ECS cluster nowhere does not exist"));
    }

    @Test
    void aReadAwsFailsIsItsOwnFailureNotARefusal() throws Exception {
        sandbox.failNext("ec2", "DescribeSubnets", "RequestLimitExceeded", 503, 3);

        assertThatThrownBy(() -> check.check(references(Ec2Api.PRIVATE_SUBNET_B, listenerArn, SandboxApps.CLUSTER)))
                .isInstanceOfSatisfying(AwsCallException.class, e -> assertThat(e.failure().kind())
                        .isEqualTo(AwsFailure.Kind.TRANSIENT));
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
