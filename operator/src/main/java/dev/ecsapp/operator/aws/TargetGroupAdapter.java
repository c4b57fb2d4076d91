package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredTargetGroup;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ELBv2 target groups, found by their deterministic name: observe, create, modify in place, delete. */
public final class TargetGroupAdapter {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    /** Paths of {@link #update}'s answer. */
    public static final String HEALTH_CHECK = "healthCheck";
    public static final String DEREGISTRATION_DELAY_PATH = "deregistrationDelaySeconds";
    public static final String TAGS = "tags";

    private final ElasticLoadBalancingV2Client elb;
    private final ElbTags tags;

    public TargetGroupAdapter(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.tags = new ElbTags(elb);
    }

    public Optional<ObservedTargetGroup> observe(String name) {
        return AwsErrors.find("DescribeTargetGroups", () -> elb.describeTargetGroups(r -> r.names(name)))
                .flatMap(r -> r.targetGroups().stream().findFirst()).map(this::observed);
    }

    /** The target group with this ARN, or empty when it is gone. */
    public Optional<ObservedTargetGroup> observeArn(String arn) {
        return AwsErrors.find("DescribeTargetGroups", () -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)))
                .flatMap(r -> r.targetGroups().stream().findFirst()).map(this::observed);
    }

    private ObservedTargetGroup observed(TargetGroup group) {
        int delay = AwsErrors.call("DescribeTargetGroupAttributes", () -> elb.describeTargetGroupAttributes(r -> r
                .targetGroupArn(group.targetGroupArn()))).attributes().stream()
                .filter(a -> a.key().equals(DEREGISTRATION_DELAY)).map(a -> Integer.parseInt(a.value()))
                .findFirst().orElse(300);
        DesiredTargetGroup.HealthCheck check = new DesiredTargetGroup.HealthCheck(group.healthCheckPath(),
                group.healthCheckIntervalSeconds(), group.healthCheckTimeoutSeconds(), group.healthyThresholdCount(),
                group.unhealthyThresholdCount(), group.matcher() == null ? null : group.matcher().httpCode());
        DesiredTargetGroup shape = new DesiredTargetGroup(group.targetGroupName(), group.port(),
                group.protocolAsString(), group.targetTypeAsString(), check, delay,
                TagChanges.withoutAwsTags(tags.of(group.targetGroupArn())));
        return new ObservedTargetGroup(group.targetGroupArn(), group.vpcId(), shape);
    }

    /** Creates the group in the VPC (see {@link #vpcOfListener}) and sets its deregistration delay; returns its ARN. */
    public String create(DesiredTargetGroup desired, String vpcId) {
        DesiredTargetGroup.HealthCheck check = desired.healthCheck();
        String arn = AwsErrors.call("CreateTargetGroup", () -> elb.createTargetGroup(CreateTargetGroupRequest.builder()
                .name(desired.name())
                .port(desired.port())
                .protocol(ProtocolEnum.fromValue(desired.protocol()))
                .targetType(TargetTypeEnum.fromValue(desired.targetType()))
                .vpcId(vpcId)
                .healthCheckProtocol(ProtocolEnum.HTTP)
                .healthCheckPath(check.path())
                .healthCheckIntervalSeconds(check.intervalSeconds())
                .healthCheckTimeoutSeconds(check.timeoutSeconds())
                .healthyThresholdCount(check.healthyThreshold())
                .unhealthyThresholdCount(check.unhealthyThreshold())
                .matcher(Matcher.builder().httpCode(check.matcher()).build())
                .tags(ElbTags.tags(desired.tags()))
                .build())).targetGroups().get(0).targetGroupArn();
        // CreateTargetGroup takes no attributes: the delay (300 s unless set) is a second call.
        setDeregistrationDelay(arn, desired.deregistrationDelaySeconds());
        return arn;
    }

    /**
     * Brings health check, deregistration delay and tags to the desired values, each with its own call and only when
     * it differs. Returns the paths that changed. Port, protocol and target type need a new group instead.
     */
    public SortedSet<String> update(DesiredTargetGroup desired, ObservedTargetGroup observed) {
        if (observed.needsReplacementFor(desired)) {
            // The caller makes a replacement group instead (Convergence); reaching here is a defect of the caller.
            throw new IllegalStateException("target group " + observed.shape().name() + " cannot change port, "
                    + "protocol or target type in place");
        }
        SortedSet<String> changed = new TreeSet<>();
        if (!desired.healthCheck().equals(observed.shape().healthCheck())) {
            DesiredTargetGroup.HealthCheck check = desired.healthCheck();
            AwsErrors.call("ModifyTargetGroup", () -> elb.modifyTargetGroup(r -> r.targetGroupArn(observed.arn())
                    .healthCheckPath(check.path())
                    .healthCheckIntervalSeconds(check.intervalSeconds())
                    .healthCheckTimeoutSeconds(check.timeoutSeconds())
                    .healthyThresholdCount(check.healthyThreshold())
                    .unhealthyThresholdCount(check.unhealthyThreshold())
                    .matcher(m -> m.httpCode(check.matcher()))));
            changed.add(HEALTH_CHECK);
        }
        if (desired.deregistrationDelaySeconds() != observed.shape().deregistrationDelaySeconds()) {
            setDeregistrationDelay(observed.arn(), desired.deregistrationDelaySeconds());
            changed.add(DEREGISTRATION_DELAY_PATH);
        }
        TagChanges tagChanges = TagChanges.between(desired.tags(), observed.shape().tags());
        if (!tagChanges.none()) {
            tags.apply(observed.arn(), tagChanges);
            changed.add(TAGS);
        }
        return changed;
    }

    /**
     * Deletes the group; true when one was deleted. While a listener rule still forwards to it ELBv2 answers
     * ResourceInUse, thrown as WAITING: delete the rule first.
     */
    public boolean delete(String name) {
        Optional<ObservedTargetGroup> observed = observe(name);
        observed.ifPresent(this::delete);
        return observed.isPresent();
    }

    /** Deletes the observed group (the caller has checked whose it is); ResourceInUse is WAITING, as above. */
    public void delete(ObservedTargetGroup group) {
        AwsErrors.find("DeleteTargetGroup", () -> elb.deleteTargetGroup(r -> r.targetGroupArn(group.arn())));
    }

    /** The DNS name of the load balancer that owns the listener: where an app without a host name answers. */
    public String dnsNameOfListener(String listenerArn) {
        Listener listener = AwsErrors.call("DescribeListeners", AwsErrors.Origin.USER,
                () -> elb.describeListeners(r -> r.listenerArns(listenerArn))).listeners().get(0);
        return AwsErrors.call("DescribeLoadBalancers", () -> elb.describeLoadBalancers(r -> r
                .loadBalancerArns(listener.loadBalancerArn()))).loadBalancers().get(0).dnsName();
    }

    // A target group must be in its load balancer's VPC, so the listener's load balancer is the surest source.
    /** The VPC of the load balancer that owns the listener. */
    public String vpcOfListener(String listenerArn) {
        Listener listener = AwsErrors.call("DescribeListeners", AwsErrors.Origin.USER,
                () -> elb.describeListeners(r -> r.listenerArns(listenerArn))).listeners().get(0);
        return AwsErrors.call("DescribeLoadBalancers", () -> elb.describeLoadBalancers(r -> r
                .loadBalancerArns(listener.loadBalancerArn()))).loadBalancers().get(0).vpcId();
    }

    private void setDeregistrationDelay(String arn, int seconds) {
        AwsErrors.call("ModifyTargetGroupAttributes", () -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn)
                .attributes(TargetGroupAttribute.builder().key(DEREGISTRATION_DELAY)
                        .value(String.valueOf(seconds)).build())));
    }
}
