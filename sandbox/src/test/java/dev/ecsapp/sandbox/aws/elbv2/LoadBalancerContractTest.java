package dev.ecsapp.sandbox.aws.elbv2;

import static dev.ecsapp.sandbox.aws.elbv2.Alb.code;
import static dev.ecsapp.sandbox.aws.elbv2.Alb.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

class LoadBalancerContractTest {

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
    void theBuiltInLoadBalancerIsAnActiveInternetFacingAlbInThePublicSubnets() {
        LoadBalancer alb = elb.describeLoadBalancers(r -> r.names("sandbox-alb")).loadBalancers().get(0);

        assertThat(alb.state().code()).isEqualTo(LoadBalancerStateEnum.ACTIVE);
        assertThat(alb.schemeAsString()).isEqualTo("internet-facing");
        assertThat(alb.typeAsString()).isEqualTo("application");
        assertThat(alb.availabilityZones()).extracting(z -> z.subnetId())
                .containsExactly(Ec2Api.PUBLIC_SUBNET_A, Ec2Api.PUBLIC_SUBNET_B);
        assertThat(alb.securityGroups()).containsExactly(Ec2Api.ALB_SECURITY_GROUP);
        assertThat(alb.loadBalancerArn())
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/sandbox-alb/"
                        + "[0-9a-f]{16}");
    }

    @Test
    void theBuiltInLoadBalancerListensOnPort80AndAnswers404ByDefault() {
        Listener listener = elb.describeListeners(r -> r.loadBalancerArn(Alb.builtInLoadBalancerArn(elb)))
                .listeners().get(0);

        assertThat(listener.port()).isEqualTo(80);
        assertThat(listener.protocolAsString()).isEqualTo("HTTP");
        assertThat(listener.defaultActions()).singleElement().satisfies(action -> {
            assertThat(action.typeAsString()).isEqualTo("fixed-response");
            assertThat(action.fixedResponseConfig().statusCode()).isEqualTo("404");
        });
    }

    @Test
    void aNewLoadBalancerProvisionsForThreeMinutesThenTurnsActive() throws Exception {
        LoadBalancer created = createAlb("apps");

        assertThat(created.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        assertThat(created.dnsName()).matches("apps-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        sandbox.advance(Duration.ofMinutes(3));
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(created.loadBalancerArn())).loadBalancers()
                .get(0).state().code()).isEqualTo(LoadBalancerStateEnum.ACTIVE);
    }

    @Test
    void creatingTheSameLoadBalancerAgainAnswersTheExistingOne() {
        LoadBalancer first = createAlb("apps");

        LoadBalancer second = createAlb("apps");

        assertThat(second.loadBalancerArn()).isEqualTo(first.loadBalancerArn());
        assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(2);
    }

    @Test
    void aTakenNameWithOtherSettingsIsADuplicate() {
        createAlb("apps");

        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("apps").scheme("internal")
                .subnets(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("DuplicateLoadBalancerName");
                    assertThat(message(e)).isEqualTo("A load balancer with the same name 'apps' exists, but with "
                            + "different settings");
                });
    }

    @Test
    void anApplicationLoadBalancerNeedsSubnetsInTwoAvailabilityZones() {
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("apps")
                .subnets(Ec2Api.PUBLIC_SUBNET_A, Ec2Api.PRIVATE_SUBNET_A)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("InvalidConfigurationRequest");
                    assertThat(message(e)).isEqualTo("A load balancer cannot be attached to multiple subnets in the "
                            + "same Availability Zone");
                });
    }

    @Test
    void aLoadBalancerNameCannotStartWithInternal() {
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("internal-apps")
                .subnets(Ec2Api.PUBLIC_SUBNET_A, Ec2Api.PUBLIC_SUBNET_B)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void anUnknownSubnetIsNotFound() {
        assertThatThrownBy(() -> elb.createLoadBalancer(r -> r.name("apps")
                .subnets(Ec2Api.PUBLIC_SUBNET_A, "subnet-0123456789abcdef0")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("SubnetNotFound");
                    assertThat(message(e)).isEqualTo("The subnet ID 'subnet-0123456789abcdef0' is not valid");
                });
    }

    @Test
    void describingUnknownNamesSaysWhichAreMissing() {
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("sandbox-alb", "nope")))
                .isInstanceOfSatisfying(LoadBalancerNotFoundException.class,
                        e -> assertThat(message(e)).isEqualTo("Load balancers '[nope]' not found"));
    }

    @Test
    void aMalformedArnIsRefusedBeforeAnyLookup() {
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns("my-alb")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("ValidationError");
                    assertThat(message(e)).isEqualTo("'my-alb' is not a valid load balancer ARN");
                });
    }

    @Test
    void deletionProtectionPreventsDeletion() {
        String arn = createAlb("apps").loadBalancerArn();
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                .attributes(LoadBalancerAttribute.builder().key("deletion_protection.enabled").value("true").build()));

        assertThatThrownBy(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("OperationNotPermitted");
                    assertThat(message(e)).contains("deletion protection is enabled");
                });
    }

    @Test
    void deletingALoadBalancerAlsoDeletesItsListeners() {
        String arn = createAlb("apps").loadBalancerArn();
        String listenerArn = elb.createListener(r -> r.loadBalancerArn(arn).protocol("HTTP").port(8080)
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("503"))))
                .listeners().get(0).listenerArn();

        elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));

        assertThat(elb.describeLoadBalancers().loadBalancers()).extracting(LoadBalancer::loadBalancerName)
                .containsExactly("sandbox-alb");
        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(listenerArn)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ListenerNotFound"));
    }

    @Test
    void deletingALoadBalancerThatIsGoneSucceeds() {
        String arn = createAlb("apps").loadBalancerArn();
        elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));

        elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));

        assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
    }

    @Test
    void attributesStartAtAwsDefaults() {
        List<LoadBalancerAttribute> attributes = elb.describeLoadBalancerAttributes(
                r -> r.loadBalancerArn(Alb.builtInLoadBalancerArn(elb))).attributes();

        assertThat(attributes).contains(
                LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("60").build(),
                LoadBalancerAttribute.builder().key("deletion_protection.enabled").value("false").build(),
                LoadBalancerAttribute.builder().key("routing.http2.enabled").value("true").build());
    }

    @Test
    void anIdleTimeoutAbove4000SecondsIsRefused() {
        String alb = Alb.builtInLoadBalancerArn(elb);

        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb)
                .attributes(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("4001").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("ValidationError");
                    assertThat(message(e)).isEqualTo("'idle_timeout.timeout_seconds' value '4001' must be between "
                            + "'1-4000' inclusive");
                });
    }

    @Test
    void anUnknownAttributeKeyIsNotRecognized() {
        String alb = Alb.builtInLoadBalancerArn(elb);

        assertThatThrownBy(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb)
                .attributes(LoadBalancerAttribute.builder().key("idle.timeout").value("30").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("Load balancer attribute key 'idle.timeout' is not "
                                + "recognized"));
    }

    @Test
    void describingFollowsMarkersPageByPage() {
        for (int i = 0; i < 4; i++) {
            createAlb("apps-" + i);
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            DescribeLoadBalancersResponse page = elb.describeLoadBalancers(r -> r.pageSize(2).marker(from));
            page.loadBalancers().forEach(lb -> names.add(lb.loadBalancerName()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("sandbox-alb", "apps-0", "apps-1", "apps-2", "apps-3");
    }

    @Test
    void aResetForgetsCreatedResourcesAndBringsBackTheBuiltInLoadBalancer() throws Exception {
        createAlb("apps");
        Alb.ipTargetGroup(elb, "web");

        sandbox.control("POST", "reset", "");

        assertThat(elb.describeLoadBalancers().loadBalancers()).extracting(LoadBalancer::loadBalancerName)
                .containsExactly("sandbox-alb");
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
    }

    @Test
    void theStateDumpShowsLoadBalancersWithAttributesAndListenersWithRules() throws Exception {
        JsonNode state = new ObjectMapper().readTree(sandbox.control("GET", "state", ""))
                .get("elasticloadbalancing");

        assertThat(state.at("/loadBalancers/0/LoadBalancerName").asText()).isEqualTo("sandbox-alb");
        assertThat(state.at("/loadBalancers/0/Attributes/idle_timeout.timeout_seconds").asText()).isEqualTo("60");
        assertThat(state.at("/listeners/0/Rules/0/IsDefault").asBoolean()).isTrue();
    }

    private LoadBalancer createAlb(String name) {
        return elb.createLoadBalancer(r -> r.name(name).subnets(Ec2Api.PUBLIC_SUBNET_A, Ec2Api.PUBLIC_SUBNET_B)
                .securityGroups(Ec2Api.ALB_SECURITY_GROUP)).loadBalancers().get(0);
    }
}
