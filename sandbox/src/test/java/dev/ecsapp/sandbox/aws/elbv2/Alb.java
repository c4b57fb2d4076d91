package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** The steps the ELBv2 tests share, made with the real SDK client: the built-in ALB, an ip target group, a rule. */
final class Alb {

    private Alb() {
    }

    static String builtInLoadBalancerArn(ElasticLoadBalancingV2Client elb) {
        return elb.describeLoadBalancers(r -> r.names(ElbV2Api.BUILT_IN_LOAD_BALANCER_NAME)).loadBalancers().get(0)
                .loadBalancerArn();
    }

    static String builtInListenerArn(ElasticLoadBalancingV2Client elb) {
        return elb.describeListeners(r -> r.loadBalancerArn(builtInLoadBalancerArn(elb))).listeners().get(0)
                .listenerArn();
    }

    /** An ip target group for port 5000 in the sandbox VPC, as the operator makes them for Fargate tasks. */
    static TargetGroup ipTargetGroup(ElasticLoadBalancingV2Client elb, String name) {
        return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(5000).vpcId(Ec2Api.VPC_ID)
                .targetType("ip").healthCheckPath("/health")).targetGroups().get(0);
    }

    static String forwardRule(ElasticLoadBalancingV2Client elb, String listenerArn, int priority, String path,
            String targetGroupArn) {
        return elb.createRule(r -> r.listenerArn(listenerArn).priority(priority)
                .conditions(pathPattern(path))
                .actions(forwardTo(targetGroupArn))).rules().get(0).ruleArn();
    }

    static RuleCondition pathPattern(String... paths) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(paths)).build();
    }

    static Action forwardTo(String targetGroupArn) {
        return Action.builder().type("forward").targetGroupArn(targetGroupArn).build();
    }

    static String code(ElasticLoadBalancingV2Exception e) {
        return e.awsErrorDetails().errorCode();
    }

    static String message(ElasticLoadBalancingV2Exception e) {
        return e.awsErrorDetails().errorMessage();
    }
}
