package dev.ecsapp.sandbox.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.time.SandboxClock;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;

/** What ECS sees of ELBv2 through {@link LoadBalancerTargets}, in process, on a frozen clock. */
class LoadBalancerTargetsTest {

    private static final String TASK_IP = "10.0.11.10";

    private final Account account = new Account(Account.DEFAULT_ID, "us-east-1");
    private final SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
            ZoneOffset.UTC), 0);
    private final Scheduler scheduler = new Scheduler(clock);
    private final ElbV2Api elb = new ElbV2Api(account, scheduler, new Ec2Api(account));

    @Test
    void anUnknownTargetGroupGetsTheMessageEcsGives() {
        String missing = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123456789abcdef";

        assertThat(elb.problemWith(missing))
                .hasValue("Unable to assume role and validate the specified targetGroupArn. Please verify that the "
                        + "ECS service role being passed has the proper permissions.");
    }

    @Test
    void anInstanceTargetGroupDoesNotSuitAwsvpcTasks() {
        String group = targetGroup("web", "instance");
        forward(group);

        assertThat(elb.problemWith(group)).hasValue("The provided target group " + group + " has target type "
                + "instance, which is incompatible with the awsvpc network mode specified in the task definition.");
    }

    @Test
    void aTargetGroupNoListenerUsesHasNoAssociatedLoadBalancer() {
        String group = targetGroup("web", "ip");

        assertThat(elb.problemWith(group)).hasValue("The target group with targetGroupArn " + group
                + " does not have an associated load balancer.");
    }

    @Test
    void anIpTargetGroupBehindTheBuiltInListenerSuitsAService() {
        String group = targetGroup("web", "ip");
        forward(group);

        assertThat(elb.problemWith(group)).isEmpty();
    }

    @Test
    void aRegisteredTaskTurnsHealthyAfterFiveHealthChecks() {
        String group = targetGroup("web", "ip");
        forward(group);

        elb.register(group, TASK_IP, 5000);
        assertThat(elb.health(group, TASK_IP, 5000)).hasValue(LoadBalancerTargets.INITIAL);
        advance(Duration.ofSeconds(150));

        assertThat(elb.health(group, TASK_IP, 5000)).hasValue(LoadBalancerTargets.HEALTHY);
    }

    @Test
    void aDeregisteredTaskDrainsForThreeHundredSecondsByDefault() {
        String group = targetGroup("web", "ip");
        forward(group);
        elb.register(group, TASK_IP, 5000);
        advance(Duration.ofSeconds(150));

        elb.deregister(group, TASK_IP, 5000);

        assertThat(elb.deregistrationDelay(group)).isEqualTo(Duration.ofSeconds(300));
        assertThat(elb.health(group, TASK_IP, 5000)).hasValue(LoadBalancerTargets.DRAINING);
        advance(Duration.ofSeconds(300));
        assertThat(elb.health(group, TASK_IP, 5000)).isEmpty();
    }

    private String targetGroup(String name, String targetType) {
        return elb.createTargetGroup(CreateTargetGroupRequest.builder().name(name).protocol("HTTP").port(5000)
                .vpcId(Ec2Api.VPC_ID).targetType(targetType).build()).targetGroups().get(0).targetGroupArn();
    }

    private void forward(String group) {
        elb.createRule(CreateRuleRequest.builder().listenerArn(elb.builtInListenerArn()).priority(10)
                .conditions(Alb.pathPattern("/*")).actions(Alb.forwardTo(group)).build());
    }

    private void advance(Duration by) {
        clock.advance(by);
        scheduler.runDue();
    }
}
