package dev.ecsapp.sandbox.aws.elbv2;

import static dev.ecsapp.sandbox.aws.elbv2.Alb.code;
import static dev.ecsapp.sandbox.aws.elbv2.Alb.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

class TargetHealthContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    /** An address in private subnet A (10.0.11.0/24, us-east-1a), where Fargate tasks run. */
    private static final String TASK_IP = "10.0.11.10";

    private ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void client() throws Exception {
        elb = sandbox.client(ElasticLoadBalancingV2Client.builder());
        sandbox.control("POST", "time", "{\"speed\":0}");
    }

    @AfterEach
    void close() throws Exception {
        sandbox.control("POST", "time", "{\"speed\":1}");
        elb.close();
    }

    @Test
    void aTargetOfAGroupNoLoadBalancerUsesIsUnused() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        register(group, TASK_IP);

        assertThat(health(group)).satisfies(h -> {
            assertThat(h.stateAsString()).isEqualTo("unused");
            assertThat(h.reasonAsString()).isEqualTo("Target.NotInUse");
        });
    }

    @Test
    void aRegisteredTargetIsInRegistrationUntilTheFirstHealthCheck() throws Exception {
        String group = usedGroup("web");

        register(group, TASK_IP);

        assertThat(health(group).stateAsString()).isEqualTo("initial");
        assertThat(health(group).reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        sandbox.advance(Duration.ofSeconds(30));
        assertThat(health(group).reasonAsString()).isEqualTo("Elb.InitialHealthChecking");
    }

    @Test
    void aTargetTurnsHealthyAfterTheHealthyThresholdOfIntervals() throws Exception {
        String group = usedGroup("web");
        register(group, TASK_IP);

        sandbox.advance(Duration.ofSeconds(149));
        assertThat(health(group).stateAsString()).isEqualTo("initial");
        sandbox.advance(Duration.ofSeconds(1));

        assertThat(health(group).stateAsString()).isEqualTo("healthy");
        assertThat(health(group).reasonAsString()).isNull();
    }

    @Test
    void targetsStartHealthChecksWhenARuleStartsForwardingToTheirGroup() throws Exception {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        register(group, TASK_IP);
        sandbox.advance(Duration.ofMinutes(10));

        Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/web/*", group);

        assertThat(health(group).stateAsString()).isEqualTo("initial");
        sandbox.advance(Duration.ofSeconds(150));
        assertThat(health(group).stateAsString()).isEqualTo("healthy");
    }

    @Test
    void targetsGoUnusedWhenTheLastRuleForwardingToTheirGroupIsDeleted() throws Exception {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        String rule = Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/web/*", group);
        register(group, TASK_IP);
        sandbox.advance(Duration.ofSeconds(150));

        elb.deleteRule(r -> r.ruleArn(rule));

        assertThat(health(group).reasonAsString()).isEqualTo("Target.NotInUse");
    }

    @Test
    void targetsBehindAProvisioningLoadBalancerWaitForItToBeActive() throws Exception {
        String alb = elb.createLoadBalancer(r -> r.name("apps").subnets(Ec2Api.PUBLIC_SUBNET_A,
                Ec2Api.PUBLIC_SUBNET_B)).loadBalancers().get(0).loadBalancerArn();
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(alb).protocol("HTTP").port(80)
                .defaultActions(Alb.forwardTo(group)));
        register(group, TASK_IP);

        sandbox.advance(Duration.ofSeconds(150));
        assertThat(health(group).stateAsString()).isEqualTo("initial");
        sandbox.advance(Duration.ofMinutes(3));

        assertThat(health(group).stateAsString()).isEqualTo("healthy");
    }

    @Test
    void aDeregisteredTargetDrainsForTheDeregistrationDelay() throws Exception {
        String group = usedGroup("web");
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group).attributes(TargetGroupAttribute.builder()
                .key("deregistration_delay.timeout_seconds").value("60").build()));
        register(group, TASK_IP);
        sandbox.advance(Duration.ofSeconds(150));

        elb.deregisterTargets(r -> r.targetGroupArn(group).targets(t -> t.id(TASK_IP)));

        assertThat(health(group).stateAsString()).isEqualTo("draining");
        assertThat(health(group).reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        sandbox.advance(Duration.ofSeconds(60));
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions()).isEmpty();
    }

    @Test
    void aTargetAskedForByNameButNotRegisteredSaysSo() {
        String group = usedGroup("web");

        TargetHealth health = elb.describeTargetHealth(r -> r.targetGroupArn(group)
                .targets(TargetDescription.builder().id(TASK_IP).port(5000).build()))
                .targetHealthDescriptions().get(0).targetHealth();

        assertThat(health.stateAsString()).isEqualTo("unused");
        assertThat(health.reasonAsString()).isEqualTo("Target.NotRegistered");
    }

    @Test
    void aTargetIsPlacedInTheZoneOfItsSubnetWithTheGroupsPort() {
        String group = usedGroup("web");

        register(group, "10.0.12.20");

        TargetHealthDescription description = elb.describeTargetHealth(r -> r.targetGroupArn(group))
                .targetHealthDescriptions().get(0);
        assertThat(description.target().availabilityZone()).isEqualTo("us-east-1b");
        assertThat(description.target().port()).isEqualTo(5000);
        assertThat(description.healthCheckPort()).isEqualTo("5000");
    }

    @Test
    void anAddressOutsideTheVpcNeedsAnAvailabilityZone() {
        String group = usedGroup("web");

        assertThatThrownBy(() -> register(group, "192.168.1.10"))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("ValidationError");
                    assertThat(message(e)).isEqualTo("The Availability Zone is required for IP address "
                            + "'192.168.1.10' because it is not in the VPC");
                });
    }

    @Test
    void anInstanceIdIsNotAnIpTarget() {
        String group = usedGroup("web");

        assertThatThrownBy(() -> register(group, "i-0123456789abcdef0"))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("The IP address 'i-0123456789abcdef0' is not a valid "
                                + "IPv4 address"));
    }

    @Test
    void deregisteringATargetThatIsNotRegisteredIsRefused() {
        String group = usedGroup("web");

        assertThatThrownBy(() -> elb.deregisterTargets(r -> r.targetGroupArn(group).targets(t -> t.id(TASK_IP))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("InvalidTarget"));
    }

    private String usedGroup(String name) {
        String group = Alb.ipTargetGroup(elb, name).targetGroupArn();
        Alb.forwardRule(elb, Alb.builtInListenerArn(elb), 10, "/" + name + "/*", group);
        return group;
    }

    private void register(String group, String ip) {
        elb.registerTargets(r -> r.targetGroupArn(group).targets(t -> t.id(ip)));
    }

    private TargetHealth health(String group) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions().get(0)
                .targetHealth();
    }
}
