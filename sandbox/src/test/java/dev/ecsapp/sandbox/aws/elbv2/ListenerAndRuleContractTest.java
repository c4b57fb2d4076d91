package dev.ecsapp.sandbox.aws.elbv2;

import static dev.ecsapp.sandbox.aws.elbv2.Alb.code;
import static dev.ecsapp.sandbox.aws.elbv2.Alb.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class ListenerAndRuleContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private ElasticLoadBalancingV2Client elb;
    private String listener;

    @BeforeEach
    void client() {
        elb = sandbox.client(ElasticLoadBalancingV2Client.builder());
        listener = Alb.builtInListenerArn(elb);
    }

    @AfterEach
    void close() {
        elb.close();
    }

    @Test
    void aForwardToOneGroupComesBackWithItsWeightedForwardConfig() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        Rule rule = elb.createRule(r -> r.listenerArn(listener).priority(10).conditions(Alb.pathPattern("/web/*"))
                .actions(Alb.forwardTo(group))).rules().get(0);

        assertThat(rule.priority()).isEqualTo("10");
        assertThat(rule.isDefault()).isFalse();
        assertThat(rule.actions()).singleElement().satisfies(action -> {
            assertThat(action.order()).isEqualTo(1);
            assertThat(action.targetGroupArn()).isEqualTo(group);
            assertThat(action.forwardConfig().targetGroups()).containsExactly(
                    TargetGroupTuple.builder().targetGroupArn(group).weight(1).build());
            assertThat(action.forwardConfig().targetGroupStickinessConfig().enabled()).isFalse();
        });
    }

    @Test
    void aPathPatternComesBackWithBothItsValuesAndItsConfig() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        Rule rule = elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(RuleCondition.builder().field("path-pattern").values("/web/*").build())
                .actions(Alb.forwardTo(group))).rules().get(0);

        assertThat(rule.conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.values()).containsExactly("/web/*");
            assertThat(condition.pathPatternConfig().values()).containsExactly("/web/*");
        });
    }

    @Test
    void twoRulesOfAListenerCannotShareAPriority() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.forwardRule(elb, listener, 10, "/web/*", group);

        assertThatThrownBy(() -> Alb.forwardRule(elb, listener, 10, "/api/*", group))
                .isInstanceOfSatisfying(PriorityInUseException.class,
                        e -> assertThat(message(e)).isEqualTo("Priority '10' is currently in use"));
    }

    @Test
    void rulesAreDescribedInPriorityOrderWithTheDefaultRuleLast() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.forwardRule(elb, listener, 20, "/b/*", group);
        Alb.forwardRule(elb, listener, 5, "/a/*", group);

        List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener)).rules();

        assertThat(rules).extracting(Rule::priority).containsExactly("5", "20", "default");
        assertThat(rules.get(2).isDefault()).isTrue();
        assertThat(rules.get(2).conditions()).isEmpty();
    }

    @Test
    void setRulePrioritiesSwapsTwoRulesInOneCall() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        String first = Alb.forwardRule(elb, listener, 1, "/a/*", group);
        String second = Alb.forwardRule(elb, listener, 2, "/b/*", group);

        elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(first).priority(2).build(),
                RulePriorityPair.builder().ruleArn(second).priority(1).build()));

        assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules()).extracting(Rule::ruleArn)
                .startsWith(second, first);
    }

    @Test
    void setRulePrioritiesRefusesAPriorityAnotherRuleKeeps() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        String first = Alb.forwardRule(elb, listener, 1, "/a/*", group);
        Alb.forwardRule(elb, listener, 2, "/b/*", group);

        assertThatThrownBy(() -> elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(first).priority(2).build())))
                .isInstanceOf(PriorityInUseException.class);
    }

    @Test
    void theDefaultRuleCannotBeDeleted() {
        String defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().get(0).ruleArn();

        assertThatThrownBy(() -> elb.deleteRule(r -> r.ruleArn(defaultRule)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("OperationNotPermitted"));
    }

    @Test
    void modifyingARuleReplacesItsConditions() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        String rule = Alb.forwardRule(elb, listener, 10, "/web/*", group);

        elb.modifyRule(r -> r.ruleArn(rule).conditions(RuleCondition.builder().field("host-header")
                .hostHeaderConfig(h -> h.values("web.example.com")).build()));

        assertThat(elb.describeRules(r -> r.ruleArns(rule)).rules().get(0).conditions()).singleElement()
                .satisfies(c -> assertThat(c.hostHeaderConfig().values()).containsExactly("web.example.com"));
    }

    @Test
    void aRuleHasAtMostFiveConditionValues() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener).priority(10)
                .conditions(Alb.pathPattern("/a", "/b", "/c"), RuleCondition.builder().field("host-header")
                        .hostHeaderConfig(h -> h.values("a.example.com", "b.example.com", "c.example.com")).build())
                .actions(Alb.forwardTo(group))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("A rule can only have '5' condition values"));
    }

    @Test
    void aRuleForwardingToAMissingTargetGroupIsRefused() {
        String missing = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0123456789abcdef";

        assertThatThrownBy(() -> Alb.forwardRule(elb, listener, 10, "/web/*", missing))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("TargetGroupNotFound"));
    }

    @Test
    void aForwardCanSplitTrafficBetweenWeightedGroups() {
        String blue = Alb.ipTargetGroup(elb, "blue").targetGroupArn();
        String green = Alb.ipTargetGroup(elb, "green").targetGroupArn();

        Action action = elb.createRule(r -> r.listenerArn(listener).priority(10).conditions(Alb.pathPattern("/*"))
                .actions(a -> a.type("forward").forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(blue).weight(90).build(),
                        TargetGroupTuple.builder().targetGroupArn(green).weight(10).build())))).rules().get(0)
                .actions().get(0);

        assertThat(action.targetGroupArn()).isNull();
        assertThat(action.forwardConfig().targetGroups()).extracting(TargetGroupTuple::weight).containsExactly(90, 10);
    }

    @Test
    void aTargetGroupServesOneLoadBalancerOnly() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();
        Alb.forwardRule(elb, listener, 10, "/web/*", group);
        String other = elb.createLoadBalancer(r -> r.name("other").subnets(Ec2Api.PUBLIC_SUBNET_A,
                Ec2Api.PUBLIC_SUBNET_B)).loadBalancers().get(0).loadBalancerArn();

        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(other).protocol("HTTP").port(80)
                .defaultActions(Alb.forwardTo(group))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("TargetGroupAssociationLimit");
                    assertThat(message(e)).isEqualTo("The following target groups cannot be associated with more "
                            + "than one load balancer: " + group);
                });
    }

    @Test
    void aRedirectToTheSameUrlIsALoop() {
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener)
                .defaultActions(a -> a.type("redirect").redirectConfig(c -> c.statusCode("HTTP_301")))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("InvalidLoadBalancerAction");
                    assertThat(message(e)).isEqualTo("The redirect configuration is not valid because it creates "
                            + "a loop.");
                });
    }

    @Test
    void aRedirectToHttpsKeepsTheRestOfTheUrl() {
        Action action = elb.modifyListener(r -> r.listenerArn(listener).defaultActions(a -> a.type("redirect")
                .redirectConfig(c -> c.protocol("HTTPS").port("443").statusCode("HTTP_301")))).listeners().get(0)
                .defaultActions().get(0);

        assertThat(action.redirectConfig().host()).isEqualTo("#{host}");
        assertThat(action.redirectConfig().path()).isEqualTo("/#{path}");
        assertThat(action.redirectConfig().query()).isEqualTo("#{query}");
    }

    @Test
    void changingTheDefaultActionsChangesTheDefaultRule() {
        String group = Alb.ipTargetGroup(elb, "web").targetGroupArn();

        elb.modifyListener(r -> r.listenerArn(listener).defaultActions(Alb.forwardTo(group)));

        Rule defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().get(0);
        assertThat(defaultRule.actions().get(0).targetGroupArn()).isEqualTo(group);
    }

    @Test
    void anHttpsListenerNeedsACertificate() {
        String alb = Alb.builtInLoadBalancerArn(elb);

        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb).protocol("HTTPS").port(443)
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404")))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("ValidationError"));
    }

    @Test
    void anHttpsListenerGetsTheDefaultSecurityPolicy() {
        String alb = Alb.builtInLoadBalancerArn(elb);
        String certificate = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

        String policy = elb.createListener(r -> r.loadBalancerArn(alb).protocol("HTTPS").port(443)
                .certificates(c -> c.certificateArn(certificate))
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))))
                .listeners().get(0).sslPolicy();

        assertThat(policy).isEqualTo("ELBSecurityPolicy-2016-08");
    }

    @Test
    void aSecondListenerOnATakenPortIsADuplicate() {
        String alb = Alb.builtInLoadBalancerArn(elb);

        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(alb).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("503")))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(code(e)).isEqualTo("DuplicateListener");
                    assertThat(message(e)).isEqualTo("A listener already exists on this port for this load "
                            + "balancer '" + alb + "'");
                });
    }

    @Test
    void describingListenersNeedsAListenerOrALoadBalancer() {
        assertThatThrownBy(() -> elb.describeListeners(r -> { }))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(message(e)).isEqualTo("You must specify either listener ARNs or a load "
                                + "balancer ARN"));
    }

    @Test
    void tagsGivenAtCreationAreDescribedAndCanBeRemoved() {
        String group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(5000).vpcId(Ec2Api.VPC_ID)
                .targetType("ip").tags(t -> t.key("app").value("web"), t -> t.key("team").value("a")))
                .targetGroups().get(0).targetGroupArn();

        elb.removeTags(r -> r.resourceArns(group).tagKeys("team"));

        assertThat(elb.describeTags(r -> r.resourceArns(group)).tagDescriptions().get(0).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("app=web");
    }

    @Test
    void aTagKeyTwiceInOneCallIsRefused() {
        assertThatThrownBy(() -> elb.addTags(r -> r.resourceArns(listener)
                .tags(t -> t.key("app").value("a"), t -> t.key("app").value("b"))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(code(e)).isEqualTo("DuplicateTagKeys"));
    }
}
