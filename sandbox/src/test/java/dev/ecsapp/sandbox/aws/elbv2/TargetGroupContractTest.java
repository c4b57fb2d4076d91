package dev.ecsapp.sandbox.aws.elbv2;

import static dev.ecsapp.sandbox.aws.elbv2.Alb.code;
import static dev.ecsapp.sandbox.aws.elbv2.Alb.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

class TargetGroupContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void client() {
        elb = sandbox.client(ElasticLoadBalancingV2Client.builder());
    }

    @AfterEach
    void close() {
        elb.close();
    }

    @Test
    void aTargetGroupGetsTheApplicationLoadBalancerHealthCheckDefaults() {
        TargetGroup group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(5000)
                .vpcId(Ec2Api.VPC_ID).targetType("ip")).targetGroups().get(0);

        assertThat(group.targetGroupArn())
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/[0-9a-f]{16}");
        assertThat(group.healthCheckProtocolAsString()).isEqualTo("HTTP");
        assertThat(group.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(group.healthCheckPath()).isEqualTo("/");
        assertThat(group.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(5);
        assertThat(group.healthyThresholdCount()).isEqualTo(5);
        assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(group.matcher().httpCode()).isEqualTo("200");
        assertThat(group.protocolVersion()).isEqualTo("HTTP1");
        assertThat(group.loadBalancerArns()).isEmpty();
    }

    @Test
    void anIpTargetGroupNeedsAVpc() {
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(5000)
                .targetType("ip")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("ValidationError");
                    assertThat(message(e)).isEqualTo("A VPC ID must be specified");
                });
    }

    @Test
    void anUnknownVpcIsNotFound() {
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(5000)
                .vpcId("vpc-0123456789abcdef0").targetType("ip")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("The VPC ID 'vpc-0123456789abcdef0' is not found"));
    }

    @Test
    void aTargetGroupNameLongerThan32CharactersIsRefused() {
        String name = "a-target-group-name-that-is-too-long";

        assertThatThrownBy(() -> Alb.ipTargetGroup(elb, name))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("ValidationError");
                    assertThat(message(e)).isEqualTo("Target group name '" + name + "' cannot be longer than '32' "
                            + "characters");
                });
    }

    @Test
    void aTargetGroupNameMayNotEndWithAHyphen() {
        assertThatThrownBy(() -> Alb.ipTargetGroup(elb, "web-"))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("Target group name 'web-' cannot begin or end with '-'"));
    }

    @Test
    void creatingTheSameTargetGroupAgainAnswersTheExistingOne() {
        String first = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        String second = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aTakenNameWithAnotherPortIsADuplicate() {
        Alb.ipTargetGroup(elb, "web");

        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(8080)
                .vpcId(Ec2Api.VPC_ID).targetType("ip").healthCheckPath("/health")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("DuplicateTargetGroupName");
                    assertThat(message(e)).isEqualTo("A target group with the same name 'web' exists, but with "
                            + "different settings");
                });
    }

    @Test
    void theHealthCheckTimeoutMustBeShorterThanTheInterval() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthCheckIntervalSeconds(10)
                .healthCheckTimeoutSeconds(10)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("Health check timeout '10' must be smaller than the "
                                + "interval '10'"));
    }

    @Test
    void modifyingTheHealthCheckKeepsEverythingElse() {
        TargetGroup group = Alb.ipTargetGroup(elb, "web");

        TargetGroup modified = elb.modifyTargetGroup(r -> r.targetGroupArn(group.targetGroupArn())
                .healthCheckIntervalSeconds(10).healthyThresholdCount(2).matcher(m -> m.httpCode("200-299")))
                .targetGroups().get(0);

        assertThat(modified.healthCheckIntervalSeconds()).isEqualTo(10);
        assertThat(modified.healthyThresholdCount()).isEqualTo(2);
        assertThat(modified.matcher().httpCode()).isEqualTo("200-299");
        assertThat(modified.healthCheckPath()).isEqualTo("/health");
        assertThat(modified.port()).isEqualTo(5000);
    }

    @Test
    void aMatcherCodeAbove499IsRefused() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(arn).matcher(m -> m.httpCode("200,503"))
                .healthCheckPath("/ready")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void theDeregistrationDelayDefaultsTo300Seconds() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()).contains(
                TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("300").build(),
                TargetGroupAttribute.builder().key("stickiness.enabled").value("false").build());
    }

    @Test
    void aDeregistrationDelayAboveAnHourIsRefused() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThatThrownBy(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(
                TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("3601").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("'deregistration_delay.timeout_seconds' value '3601' "
                                + "must be between '0-3600' inclusive"));
    }

    @Test
    void aTargetGroupUsedByARuleCannotBeDeleted() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/web/*", arn);

        assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(arn)))
                .isInstanceOfSatisfying(ResourceInUseException.class,
                        e -> assertThat(message(e)).isEqualTo("Target group '" + arn + "' is currently in use by a "
                                + "listener or a rule"));
    }

    @Test
    void aDeletedTargetGroupIsNotFound() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        elb.deleteTargetGroup(r -> r.targetGroupArn(arn));

        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)))
                .isInstanceOfSatisfying(TargetGroupNotFoundException.class,
                        e -> assertThat(message(e)).isEqualTo("One or more target groups not found"));
    }

    @Test
    void aTargetGroupListsTheLoadBalancerItsRuleBelongsTo() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/web/*", arn);

        TargetGroup described = elb.describeTargetGroups(r -> r.names("web")).targetGroups().get(0);

        assertThat(described.loadBalancerArns()).containsExactly(Alb.builtInLoadBalancerArn(elb));
    }

    @Test
    void describingByLoadBalancerListsOnlyTheGroupsItForwardsTo() {
        String used = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.ipTargetGroup(elb, "idle");
        Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/web/*", used);

        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(Alb.builtInLoadBalancerArn(elb))).targetGroups())
                .extracting(TargetGroup::targetGroupName).containsExactly("web");
    }

    @Test
    void namesAndArnsCannotBeCombinedInOneDescribe() {
        String arn = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("web").targetGroupArns(arn)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void targetGroupsOfNetworkLoadBalancersAreNotSimulated() {
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("tcp").protocol("TCP").port(5000)
                .vpcId(Ec2Api.VPC_ID).targetType("ip")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).contains("not simulate"));
    }
}
