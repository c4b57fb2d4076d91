package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.aws.ReferenceCheck.Found;
import dev.ecsapp.operator.aws.ReferenceCheck.Remembered;
import dev.ecsapp.operator.desired.AppReferences;
import dev.ecsapp.operator.desired.AppReferences.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the reference check says about what the reads found: no server, the answers are given. */
class ReferenceCheckTest {

    private static final String SUBNET_A = "subnet-0a00000000000000a";
    private static final String SUBNET_B = "subnet-0b00000000000000b";
    private static final String GROUP = "sg-0a00000000000000a";
    private static final String LISTENER =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";

    private static AppReferences fromSpec(boolean withListener) {
        return new AppReferences(
                List.of(new Reference(SUBNET_A, "spec.network.subnets[0]", false),
                        new Reference(SUBNET_B, "spec.network.subnets[1]", false)),
                List.of(new Reference(GROUP, "spec.network.securityGroups[0]", false)),
                withListener ? Optional.of(new Reference(LISTENER, "spec.loadBalancer.listenerArn", false))
                        : Optional.empty(),
                new Reference("shop", "spec.cluster", false));
    }

    private static Found allIn(String vpc) {
        return new Found(Map.of(SUBNET_A, vpc, SUBNET_B, vpc), Map.of(GROUP, vpc), Optional.of(vpc),
                Optional.of("ACTIVE"));
    }

    @Test
    void everythingExistingInTheLoadBalancersVpcIsAccepted() {
        assertThat(ReferenceCheck.problems(fromSpec(true), allIn("vpc-1"))).isEmpty();
    }

    @Test
    void aMissingSubnetIsNamedByItsFieldAndIndex() {
        Found found = new Found(Map.of(SUBNET_A, "vpc-1"), Map.of(GROUP, "vpc-1"), Optional.of("vpc-1"),
                Optional.of("ACTIVE"));

        assertThat(ReferenceCheck.problems(fromSpec(true), found)).containsExactly("spec.network.subnets[1]: the "
                + "subnet " + SUBNET_B + " does not exist in this account and region");
    }

    @Test
    void aMissingSecurityGroupListenerAndClusterAreEachNamedTogether() {
        Found found = new Found(Map.of(SUBNET_A, "vpc-1", SUBNET_B, "vpc-1"), Map.of(), Optional.empty(),
                Optional.empty());

        List<String> problems = ReferenceCheck.problems(fromSpec(true), found);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("spec.network.securityGroups[0]: the security group " + GROUP
                + " does not exist");
        assertThat(problems.get(1)).startsWith("spec.loadBalancer.listenerArn: the listener " + LISTENER
                + " does not exist");
        assertThat(problems.get(2)).isEqualTo("spec.cluster: the ECS cluster shop does not exist in this account "
                + "and region");
    }

    @Test
    void aClusterThatIsNotActiveSaysItsStatus() {
        Found found = new Found(allIn("vpc-1").subnetVpcs(), allIn("vpc-1").groupVpcs(), Optional.of("vpc-1"),
                Optional.of("INACTIVE"));

        assertThat(ReferenceCheck.problems(fromSpec(true), found))
                .containsExactly("spec.cluster: the ECS cluster shop is INACTIVE, not ACTIVE");
    }

    @Test
    void subnetsAndGroupsOutsideTheLoadBalancersVpcAreRefusedBecauseNoTargetCouldBeReached() {
        Found found = new Found(Map.of(SUBNET_A, "vpc-1", SUBNET_B, "vpc-2"), Map.of(GROUP, "vpc-2"),
                Optional.of("vpc-1"), Optional.of("ACTIVE"));

        assertThat(ReferenceCheck.problems(fromSpec(true), found)).containsExactly(
                "spec.network.subnets[1]: the subnet " + SUBNET_B + " is in vpc-2, but the load balancer of "
                        + "spec.loadBalancer.listenerArn is in vpc-1, and tasks in another VPC could never be reached "
                        + "by it; use a subnet of vpc-1",
                "spec.network.securityGroups[0]: the security group " + GROUP + " is in vpc-2, but the load balancer "
                        + "of spec.loadBalancer.listenerArn is in vpc-1, and tasks in another VPC could never be "
                        + "reached by it; use a security group of vpc-1");
    }

    @Test
    void withoutALoadBalancerTheFirstSubnetsVpcIsTheOneTheOthersMustShare() {
        Found found = new Found(Map.of(SUBNET_A, "vpc-1", SUBNET_B, "vpc-2"), Map.of(GROUP, "vpc-1"),
                Optional.empty(), Optional.of("ACTIVE"));

        assertThat(ReferenceCheck.problems(fromSpec(false), found)).singleElement().asString()
                .startsWith("spec.network.subnets[1]: the subnet " + SUBNET_B + " is in vpc-2, but the subnet "
                        + SUBNET_A + " of spec.network.subnets[0] is in vpc-1, and ECS runs a service's tasks in one "
                        + "VPC");
    }

    @Test
    void aMissingListenerLeavesTheVpcUnjudged() {
        Found found = new Found(Map.of(SUBNET_A, "vpc-1", SUBNET_B, "vpc-2"), Map.of(GROUP, "vpc-3"),
                Optional.empty(), Optional.of("ACTIVE"));

        assertThat(ReferenceCheck.problems(fromSpec(true), found)).singleElement().asString()
                .contains("the listener " + LISTENER + " does not exist");
    }

    @Test
    void aDefaultIsNamedByTheOperatorSettingAndSaysItIsOne() {
        AppReferences references = new AppReferences(List.of(new Reference(SUBNET_A, "--subnets", true)),
                List.of(new Reference(GROUP, "--security-groups", true)), Optional.empty(),
                new Reference("shop", "--cluster", true));
        Found found = new Found(Map.of(), Map.of(GROUP, "vpc-1"), Optional.empty(), Optional.of("ACTIVE"));

        assertThat(ReferenceCheck.problems(references, found)).containsExactly("--subnets (the operator's default, "
                + "as the app sets none): the subnet " + SUBNET_A + " does not exist in this account and region");
    }

    @Test
    void aRememberedAnswerServesUntilItExpires() {
        Remembered remembered = new Remembered();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        remembered.put(SUBNET_A, "vpc-1", now);

        assertThat(remembered.get(SUBNET_A, now.plus(ReferenceCheck.REMEMBER).minusSeconds(1))).contains("vpc-1");
        assertThat(remembered.get(SUBNET_A, now.plus(ReferenceCheck.REMEMBER))).isEmpty();
        assertThat(remembered.size()).as("an expired answer is dropped when found expired").isZero();
    }

    @Test
    void beyondItsBoundTheOldestAnswersAreForgottenFirst() {
        Remembered remembered = new Remembered();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i <= ReferenceCheck.MAX_REMEMBERED; i++) {
            remembered.put("subnet-" + i, "vpc-1", now);
        }

        assertThat(remembered.size()).isEqualTo(ReferenceCheck.MAX_REMEMBERED);
        assertThat(remembered.get("subnet-0", now)).isEmpty();
        assertThat(remembered.get("subnet-" + ReferenceCheck.MAX_REMEMBERED, now)).contains("vpc-1");
    }
}
