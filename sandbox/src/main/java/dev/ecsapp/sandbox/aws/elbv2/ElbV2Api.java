package dev.ecsapp.sandbox.aws.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.LocalTasks;
import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * Elastic Load Balancing v2 for Application Load Balancers: load balancers, target groups and their targets' health
 * over simulated time, listeners, rules, attributes and tags. A built-in internet-facing ALB in the public subnets
 * with an HTTP listener on port 80 answering 404 stands for the reference architecture's; ECS registers tasks
 * through {@link LoadBalancerTargets}.
 */
public final class ElbV2Api implements AwsApi, LoadBalancerTargets {

    private static final ApiSpec SPEC = ApiSpec.query("elasticloadbalancing",
            "software.amazon.awssdk.services.elasticloadbalancingv2.model",
            "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    public static final String BUILT_IN_LOAD_BALANCER_NAME = "sandbox-alb";
    /** A new load balancer is provisioning for this long before it turns active (AWS: typically a few minutes). */
    private static final Duration PROVISIONING_TIME = Duration.ofMinutes(3);
    private static final String BUILT_IN_LOAD_BALANCER_ID = "0c0ffee000a1b001";
    private static final String BUILT_IN_LISTENER_ID = "0c0ffee000080001";
    private static final int MAX_TARGETS_PER_GROUP = 1000;
    private static final int MAX_TAG_RESOURCES = 20;

    private final Account account;
    private final Scheduler scheduler;
    private final Ec2Api ec2;
    private final ElbArns arns;
    private final IpTargets ipTargets;
    private final LoadBalancers loadBalancers;
    private final TargetGroups targetGroups;
    private final Listeners listeners;
    private final RegisteredTargets targets;
    private final Tags tags = new Tags();
    private DataPlaneView.Hooks dataPlane = DataPlaneView.Hooks.NONE;

    /** With simulated health for every target: no task runs as a local process. */
    public ElbV2Api(Account account, Scheduler scheduler, Ec2Api ec2) {
        this(account, scheduler, ec2, LocalTasks.NONE);
    }

    /** Targets at addresses {@code localTasks} names are health checked for real by the data plane. */
    public ElbV2Api(Account account, Scheduler scheduler, Ec2Api ec2, LocalTasks localTasks) {
        this.account = account;
        this.scheduler = scheduler;
        this.ec2 = ec2;
        this.arns = new ElbArns(account);
        this.ipTargets = new IpTargets(ec2);
        this.loadBalancers = new LoadBalancers(arns, ec2);
        this.targetGroups = new TargetGroups(arns);
        this.listeners = new Listeners(arns);
        this.targets = new RegisteredTargets(scheduler, this::checksStart, localTasks);
        reset();
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        loadBalancers.clear();
        targetGroups.clear();
        listeners.clear();
        targets.clear();
        tags.clear();
        String arn = builtInLoadBalancerArn();
        loadBalancers.add(LoadBalancer.builder().loadBalancerArn(arn)
                .dnsName(BUILT_IN_LOAD_BALANCER_NAME + "-1234567890." + account.region() + ".elb.amazonaws.com")
                .canonicalHostedZoneId(arns.hostedZone()).createdTime(scheduler.now())
                .loadBalancerName(BUILT_IN_LOAD_BALANCER_NAME).scheme("internet-facing").vpcId(Ec2Api.VPC_ID)
                .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build()).type("application")
                .availabilityZones(zone(Ec2Api.PUBLIC_SUBNET_A), zone(Ec2Api.PUBLIC_SUBNET_B))
                .securityGroups(Ec2Api.ALB_SECURITY_GROUP).ipAddressType("ipv4").build(), scheduler.now());
        listeners.add(Listener.builder().listenerArn(builtInListenerArn()).loadBalancerArn(arn).port(80)
                .protocol("HTTP").defaultActions(Action.builder().type("fixed-response").order(1)
                        .fixedResponseConfig(FixedResponseActionConfig.builder().statusCode("404")
                                .contentType("text/plain").messageBody("Not Found").build()).build()).build());
        dataPlane.reset();
        dataPlane.listenersChanged();
    }

    /** What the load balancers' data plane reads and reports (see {@code elbv2.dataplane.AlbDataPlane}). */
    public DataPlaneView dataPlaneView() {
        return new View();
    }

    /** The built-in load balancer's ARN. */
    public String builtInLoadBalancerArn() {
        return arns.loadBalancer(BUILT_IN_LOAD_BALANCER_NAME, BUILT_IN_LOAD_BALANCER_ID);
    }

    /** The built-in load balancer's HTTP listener on port 80, where apps' rules go. */
    public String builtInListenerArn() {
        return arns.listener(builtInLoadBalancerArn(), BUILT_IN_LISTENER_ID);
    }

    // ---- load balancers ------------------------------------------------------------------------------------

    public CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest request) {
        Tags.check(request.tags());
        LoadBalancer candidate = loadBalancers.fromRequest(request, scheduler.now());
        Optional<LoadBalancer> existing = loadBalancers.find(candidate.loadBalancerName());
        if (existing.isPresent()) {
            // Creating a load balancer again with the same settings is idempotent (API reference, CreateLoadBalancer).
            if (!existing.get().equals(candidate)) {
                throw new AwsException("DuplicateLoadBalancerName", "A load balancer with the same name '"
                        + candidate.loadBalancerName() + "' exists, but with different settings");
            }
            return CreateLoadBalancerResponse.builder().loadBalancers(existing.get()).build();
        }
        if (loadBalancers.count() >= LoadBalancers.MAX_LOAD_BALANCERS) {
            throw new AwsException("TooManyLoadBalancers", "You've reached the limit on the number of load "
                    + "balancers for your AWS account.");
        }
        checkTagLimit(candidate.loadBalancerArn(), request.tags());
        Instant activeAt = scheduler.now().plus(PROVISIONING_TIME);
        loadBalancers.add(candidate, activeAt);
        tags.add(candidate.loadBalancerArn(), request.tags());
        scheduler.at(activeAt, () -> loadBalancers.activate(candidate.loadBalancerArn()));
        return CreateLoadBalancerResponse.builder().loadBalancers(candidate).build();
    }

    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        List<LoadBalancer> found;
        if (request.hasLoadBalancerArns() && request.hasNames()) {
            throw new AwsException("ValidationError", "Load balancer names and load balancer ARNs cannot be "
                    + "specified at the same time");
        } else if (request.hasLoadBalancerArns()) {
            found = new ArrayList<>();
            for (String arn : new LinkedHashSet<>(request.loadBalancerArns())) {
                found.add(loadBalancers.require(arn));
            }
        } else if (request.hasNames()) {
            List<String> missing = request.names().stream().filter(n -> loadBalancers.find(n).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw new AwsException("LoadBalancerNotFound", "Load balancers '" + missing + "' not found");
            }
            found = new LinkedHashSet<>(request.names()).stream()
                    .map(n -> loadBalancers.find(n).orElseThrow()).toList();
        } else {
            found = loadBalancers.all();
        }
        Pagination.Page<LoadBalancer> page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeLoadBalancersResponse.builder().loadBalancers(page.items()).nextMarker(page.nextToken())
                .build();
    }

    /** Deletes the load balancer with its listeners and rules; its target groups stay. */
    public DeleteLoadBalancerResponse deleteLoadBalancer(DeleteLoadBalancerRequest request) {
        String arn = ElbArns.check(Constraints.required(request.loadBalancerArn(), "loadBalancerArn"),
                ElbArns.Kind.LOAD_BALANCER);
        // "If the load balancer does not exist or has already been deleted, the call succeeds."
        if (loadBalancers.get(arn).isEmpty()) {
            return DeleteLoadBalancerResponse.builder().build();
        }
        if (Boolean.parseBoolean(loadBalancers.attributes(arn).get("deletion_protection.enabled"))) {
            throw new AwsException("OperationNotPermitted", "Load balancer '" + arn + "' cannot be deleted because "
                    + "deletion protection is enabled");
        }
        Set<String> affected = new LinkedHashSet<>();
        for (Listener listener : listeners.of(arn)) {
            affected.addAll(listeners.targetGroupsOf(listener.listenerArn()));
            listeners.remove(listener.listenerArn()).forEach(tags::forget);
        }
        loadBalancers.remove(arn);
        tags.forget(arn);
        usageChanged(affected);
        dataPlane.listenersChanged();
        return DeleteLoadBalancerResponse.builder().build();
    }

    public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
            DescribeLoadBalancerAttributesRequest request) {
        LoadBalancer loadBalancer = loadBalancers.require(Constraints.required(request.loadBalancerArn(),
                "loadBalancerArn"));
        return DescribeLoadBalancerAttributesResponse.builder()
                .attributes(loadBalancerAttributes(loadBalancer.loadBalancerArn())).build();
    }

    public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(
            ModifyLoadBalancerAttributesRequest request) {
        LoadBalancer loadBalancer = loadBalancers.require(Constraints.required(request.loadBalancerArn(),
                "loadBalancerArn"));
        Constraints.required(request.hasAttributes() ? request.attributes() : null, "attributes");
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(Constraints.required(a.key(), "attributes.member.key"),
                a.value() == null ? "" : a.value()));
        String arn = loadBalancer.loadBalancerArn();
        loadBalancers.setAttributes(arn, AttributeRules.modifyLoadBalancer(loadBalancers.attributes(arn), changes));
        return ModifyLoadBalancerAttributesResponse.builder().attributes(loadBalancerAttributes(arn)).build();
    }

    public SetSecurityGroupsResponse setSecurityGroups(SetSecurityGroupsRequest request) {
        LoadBalancer loadBalancer = loadBalancers.require(Constraints.required(request.loadBalancerArn(),
                "loadBalancerArn"));
        List<String> groups = List.copyOf(Constraints.required(request.hasSecurityGroups()
                ? request.securityGroups() : null, "securityGroups"));
        for (String group : groups) {
            if (!ec2.securityGroupExists(group)) {
                throw new AwsException("InvalidSecurityGroup", "The security group '" + group + "' does not exist");
            }
        }
        loadBalancers.replace(loadBalancer.toBuilder().securityGroups(groups).build());
        return SetSecurityGroupsResponse.builder().securityGroupIds(groups).build();
    }

    // ---- target groups -------------------------------------------------------------------------------------

    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest request) {
        Tags.check(request.tags());
        TargetGroup candidate = targetGroups.fromRequest(request, this::vpcExists);
        Optional<TargetGroup> existing = targetGroups.find(candidate.targetGroupName());
        if (existing.isPresent()) {
            // The same name with the same settings answers the existing group (API reference, CreateTargetGroup).
            if (!existing.get().equals(candidate)) {
                throw new AwsException("DuplicateTargetGroupName", "A target group with the same name '"
                        + candidate.targetGroupName() + "' exists, but with different settings");
            }
            return CreateTargetGroupResponse.builder().targetGroups(described(existing.get())).build();
        }
        if (targetGroups.count() >= TargetGroups.MAX_TARGET_GROUPS) {
            throw new AwsException("TooManyTargetGroups", "You've reached the limit on the number of target groups "
                    + "for your AWS account.");
        }
        checkTagLimit(candidate.targetGroupArn(), request.tags());
        targetGroups.put(candidate);
        tags.add(candidate.targetGroupArn(), request.tags());
        return CreateTargetGroupResponse.builder().targetGroups(described(candidate)).build();
    }

    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        int criteria = (request.loadBalancerArn() != null ? 1 : 0) + (request.hasTargetGroupArns() ? 1 : 0)
                + (request.hasNames() ? 1 : 0);
        if (criteria > 1) {
            throw new AwsException("ValidationError", "Target group names, target group ARNs, and a load balancer "
                    + "ARN cannot be specified at the same time");
        }
        List<TargetGroup> found;
        if (request.loadBalancerArn() != null) {
            String arn = loadBalancers.require(request.loadBalancerArn()).loadBalancerArn();
            found = targetGroups.all().stream()
                    .filter(g -> listeners.loadBalancersUsing(g.targetGroupArn()).contains(arn)).toList();
        } else if (request.hasTargetGroupArns()) {
            found = new LinkedHashSet<>(request.targetGroupArns()).stream().map(targetGroups::require).toList();
        } else if (request.hasNames()) {
            // Unlike load balancers, ELBv2 does not name the missing target groups (seen in real AWS answers).
            if (request.names().stream().anyMatch(n -> targetGroups.find(n).isEmpty())) {
                throw TargetGroups.notFound();
            }
            found = new LinkedHashSet<>(request.names()).stream().map(n -> targetGroups.find(n).orElseThrow())
                    .toList();
        } else {
            found = targetGroups.all();
        }
        Pagination.Page<TargetGroup> page = Pages.of(found.stream().map(this::described).toList(), request.marker(),
                request.pageSize());
        return DescribeTargetGroupsResponse.builder().targetGroups(page.items()).nextMarker(page.nextToken())
                .build();
    }

    public ModifyTargetGroupResponse modifyTargetGroup(ModifyTargetGroupRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        TargetGroup modified = targetGroups.modified(group, request);
        targetGroups.put(modified);
        return ModifyTargetGroupResponse.builder().targetGroups(described(modified)).build();
    }

    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        if (!listeners.loadBalancersUsing(group.targetGroupArn()).isEmpty()) {
            throw new AwsException("ResourceInUse", "Target group '" + group.targetGroupArn() + "' is currently in "
                    + "use by a listener or a rule");
        }
        targets.forget(group.targetGroupArn());
        tags.forget(group.targetGroupArn());
        targetGroups.remove(group.targetGroupArn());
        return DeleteTargetGroupResponse.builder().build();
    }

    public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(
            DescribeTargetGroupAttributesRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        return DescribeTargetGroupAttributesResponse.builder()
                .attributes(targetGroupAttributes(group.targetGroupArn())).build();
    }

    public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(
            ModifyTargetGroupAttributesRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        Constraints.required(request.hasAttributes() ? request.attributes() : null, "attributes");
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(Constraints.required(a.key(), "attributes.member.key"),
                a.value() == null ? "" : a.value()));
        String arn = group.targetGroupArn();
        targetGroups.setAttributes(arn, AttributeRules.modifyTargetGroup(targetGroups.attributes(arn), changes));
        return ModifyTargetGroupAttributesResponse.builder().attributes(targetGroupAttributes(arn)).build();
    }

    // ---- targets -------------------------------------------------------------------------------------------

    public RegisterTargetsResponse registerTargets(RegisterTargetsRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        List<TargetDescription> wanted = Constraints.required(request.hasTargets() ? request.targets() : null,
                "targets");
        List<TargetDescription> checked = new ArrayList<>();
        Set<String> added = new HashSet<>();
        for (TargetDescription target : wanted) {
            Constraints.required(target.id(), "targets.member.id");
            Constraints.between(target.port(), 1, 65_535, "targets.member.port");
            int port = target.port() == null ? group.port() : target.port();
            if (!group.targetTypeAsString().equals("ip")) {
                // The sandbox runs no EC2 instances, so no instance ID names a running instance.
                throw new AwsException("InvalidTarget", "The following targets are not in a running state and "
                        + "cannot be registered: '" + target.id() + "'");
            }
            String zone = ipTargets.zoneOf(group, target);
            if (!targets.isRegistered(group.targetGroupArn(), target.id(), port)) {
                added.add(target.id() + ":" + port);
            }
            checked.add(TargetDescription.builder().id(target.id()).port(port).availabilityZone(zone).build());
        }
        if (targets.count(group.targetGroupArn()) + added.size() > MAX_TARGETS_PER_GROUP) {
            throw new AwsException("TooManyTargets", "You've reached the limit on the number of targets.");
        }
        checked.forEach(t -> targets.register(group, t.id(), t.port(), t.availabilityZone()));
        return RegisterTargetsResponse.builder().build();
    }

    public DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        List<TargetDescription> wanted = Constraints.required(request.hasTargets() ? request.targets() : null,
                "targets");
        for (TargetDescription target : wanted) {
            int port = target.port() == null ? group.port() : target.port();
            if (!targets.isRegistered(group.targetGroupArn(), Constraints.required(target.id(), "targets.member.id"),
                    port)) {
                throw new AwsException("InvalidTarget", "The following targets are not registered in target group '"
                        + group.targetGroupArn() + "': '" + target.id() + ":" + port + "'");
            }
        }
        Duration delay = deregistrationDelay(group.targetGroupArn());
        for (TargetDescription target : wanted) {
            targets.deregister(group.targetGroupArn(), target.id(),
                    target.port() == null ? group.port() : target.port(), delay);
        }
        return DeregisterTargetsResponse.builder().build();
    }

    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        TargetGroup group = targetGroups.require(Constraints.required(request.targetGroupArn(), "targetGroupArn"));
        return DescribeTargetHealthResponse.builder()
                .targetHealthDescriptions(targets.describe(group, request.hasTargets() ? request.targets() : null))
                .build();
    }

    // ---- listeners -----------------------------------------------------------------------------------------

    public CreateListenerResponse createListener(CreateListenerRequest request) {
        LoadBalancer loadBalancer = loadBalancers.require(Constraints.required(request.loadBalancerArn(),
                "loadBalancerArn"));
        Tags.check(request.tags());
        Listener settings = Listeners.settings(request.protocolAsString(), request.port(), request.sslPolicy(),
                request.hasCertificates() ? request.certificates() : null);
        List<Action> actions = ActionRules.normalize(request.hasDefaultActions() ? request.defaultActions() : null,
                "defaultActions", settings.protocolAsString(), g -> targetGroups.get(g).isPresent());
        String loadBalancerArn = loadBalancer.loadBalancerArn();
        Optional<Listener> samePort = listeners.of(loadBalancerArn).stream()
                .filter(l -> l.port().equals(settings.port())).findFirst();
        if (samePort.isPresent()) {
            Listener existing = samePort.get();
            // Creating the same listener again succeeds and answers it (API reference, CreateListener).
            if (existing.protocol() == settings.protocol() && existing.certificates().equals(settings.certificates())
                    && Objects.equals(existing.sslPolicy(), settings.sslPolicy())
                    && existing.defaultActions().equals(actions)) {
                return CreateListenerResponse.builder().listeners(existing).build();
            }
            throw new AwsException("DuplicateListener", "A listener already exists on this port for this load "
                    + "balancer '" + loadBalancerArn + "'");
        }
        if (listeners.of(loadBalancerArn).size() >= Listeners.MAX_LISTENERS_PER_LOAD_BALANCER) {
            throw new AwsException("TooManyListeners", "You've reached the limit on the number of listeners per "
                    + "load balancer.");
        }
        checkAssociation(ActionRules.targetGroups(actions), loadBalancerArn);
        Listener listener = settings.toBuilder().listenerArn(arns.listener(loadBalancerArn))
                .loadBalancerArn(loadBalancerArn).defaultActions(actions).build();
        checkTagLimit(listener.listenerArn(), request.tags());
        listeners.add(listener);
        tags.add(listener.listenerArn(), request.tags());
        usageChanged(ActionRules.targetGroups(actions));
        dataPlane.listenersChanged();
        return CreateListenerResponse.builder().listeners(listener).build();
    }

    public DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        List<Listener> found;
        if (request.loadBalancerArn() != null && request.hasListenerArns()) {
            throw new AwsException("ValidationError", "Listener ARNs and a load balancer ARN cannot be specified at "
                    + "the same time");
        } else if (request.loadBalancerArn() != null) {
            found = listeners.of(loadBalancers.require(request.loadBalancerArn()).loadBalancerArn());
        } else if (request.hasListenerArns()) {
            found = new LinkedHashSet<>(request.listenerArns()).stream().map(listeners::require).toList();
        } else {
            throw new AwsException("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }
        Pagination.Page<Listener> page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeListenersResponse.builder().listeners(page.items()).nextMarker(page.nextToken()).build();
    }

    public ModifyListenerResponse modifyListener(ModifyListenerRequest request) {
        Listener listener = listeners.require(Constraints.required(request.listenerArn(), "listenerArn"));
        String protocol = request.protocolAsString() != null ? request.protocolAsString()
                : listener.protocolAsString();
        boolean keepsTls = protocol.equals("HTTPS") && listener.protocolAsString().equals("HTTPS");
        Listener settings = Listeners.settings(protocol,
                request.port() != null ? request.port() : listener.port(),
                request.sslPolicy() != null ? request.sslPolicy() : keepsTls ? listener.sslPolicy() : null,
                request.hasCertificates() ? request.certificates() : keepsTls ? listener.certificates() : null);
        boolean portTaken = listeners.of(listener.loadBalancerArn()).stream()
                .anyMatch(l -> !l.listenerArn().equals(listener.listenerArn()) && l.port().equals(settings.port()));
        if (portTaken) {
            throw new AwsException("DuplicateListener", "A listener already exists on this port for this load "
                    + "balancer '" + listener.loadBalancerArn() + "'");
        }
        List<Action> actions = request.hasDefaultActions()
                ? ActionRules.normalize(request.defaultActions(), "defaultActions", protocol,
                        g -> targetGroups.get(g).isPresent())
                : listener.defaultActions();
        checkAssociation(ActionRules.targetGroups(actions), listener.loadBalancerArn());
        Set<String> affected = new LinkedHashSet<>(ActionRules.targetGroups(listener.defaultActions()));
        affected.addAll(ActionRules.targetGroups(actions));
        Listener modified = settings.toBuilder().listenerArn(listener.listenerArn())
                .loadBalancerArn(listener.loadBalancerArn()).defaultActions(actions).build();
        listeners.replace(modified);
        usageChanged(affected);
        dataPlane.listenersChanged();
        return ModifyListenerResponse.builder().listeners(modified).build();
    }

    public DeleteListenerResponse deleteListener(DeleteListenerRequest request) {
        Listener listener = listeners.require(Constraints.required(request.listenerArn(), "listenerArn"));
        Set<String> affected = listeners.targetGroupsOf(listener.listenerArn());
        listeners.remove(listener.listenerArn()).forEach(tags::forget);
        usageChanged(affected);
        dataPlane.listenersChanged();
        return DeleteListenerResponse.builder().build();
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    public CreateRuleResponse createRule(CreateRuleRequest request) {
        Listener listener = listeners.require(Constraints.required(request.listenerArn(), "listenerArn"));
        int priority = Constraints.required(request.priority(), "priority");
        Constraints.between(priority, 1, 50_000, "priority");
        Tags.check(request.tags());
        List<RuleCondition> conditions = ConditionRules.normalize(request.hasConditions() ? request.conditions()
                : null);
        List<Action> actions = ActionRules.normalize(request.hasActions() ? request.actions() : null, "actions",
                listener.protocolAsString(), g -> targetGroups.get(g).isPresent());
        if (listeners.priorityInUse(listener.listenerArn(), priority)) {
            throw new AwsException("PriorityInUse", "Priority '" + priority + "' is currently in use");
        }
        if (listeners.ruleCount(listener.loadBalancerArn()) >= Listeners.MAX_RULES_PER_LOAD_BALANCER) {
            throw new AwsException("TooManyRules", "You've reached the limit on the number of rules per load "
                    + "balancer.");
        }
        checkAssociation(ActionRules.targetGroups(actions), listener.loadBalancerArn());
        Rule rule = listeners.addRule(listener.listenerArn(), priority, conditions, actions);
        checkTagLimit(rule.ruleArn(), request.tags());
        tags.add(rule.ruleArn(), request.tags());
        usageChanged(ActionRules.targetGroups(actions));
        return CreateRuleResponse.builder().rules(rule).build();
    }

    public DescribeRulesResponse describeRules(DescribeRulesRequest request) {
        List<Rule> found;
        if (request.listenerArn() != null && request.hasRuleArns()) {
            throw new AwsException("ValidationError", "Listener rule ARNs and a listener ARN cannot be specified at "
                    + "the same time");
        } else if (request.listenerArn() != null) {
            found = listeners.rulesOf(listeners.require(request.listenerArn()).listenerArn());
        } else if (request.hasRuleArns()) {
            found = new LinkedHashSet<>(request.ruleArns()).stream().map(listeners::requireRule).toList();
        } else {
            throw new AwsException("ValidationError", "You must specify either listener rule ARNs or a listener ARN");
        }
        Pagination.Page<Rule> page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeRulesResponse.builder().rules(page.items()).nextMarker(page.nextToken()).build();
    }

    /** Replaces a rule's conditions, actions or both; the default rule's conditions cannot change. */
    public ModifyRuleResponse modifyRule(ModifyRuleRequest request) {
        Rule rule = listeners.requireRule(Constraints.required(request.ruleArn(), "ruleArn"));
        if (!request.hasConditions() && !request.hasActions()) {
            throw new AwsException("ValidationError", "Either conditions or actions must be specified");
        }
        Listener listener = listeners.get(listeners.listenerOf(rule.ruleArn())).orElseThrow();
        if (rule.isDefault() && request.hasConditions()) {
            throw new AwsException("OperationNotPermitted", "The conditions of the default rule '" + rule.ruleArn()
                    + "' cannot be modified");
        }
        Rule.Builder modified = rule.toBuilder();
        if (request.hasConditions()) {
            modified.conditions(ConditionRules.normalize(request.conditions()));
        }
        Set<String> affected = new LinkedHashSet<>(ActionRules.targetGroups(rule.actions()));
        if (request.hasActions()) {
            List<Action> actions = ActionRules.normalize(request.actions(), "actions", listener.protocolAsString(),
                    g -> targetGroups.get(g).isPresent());
            checkAssociation(ActionRules.targetGroups(actions), listener.loadBalancerArn());
            affected.addAll(ActionRules.targetGroups(actions));
            modified.actions(actions);
        }
        Rule result = modified.build();
        if (rule.isDefault()) {
            listeners.replace(listener.toBuilder().defaultActions(result.actions()).build());
        } else {
            listeners.replaceRule(result);
        }
        usageChanged(affected);
        return ModifyRuleResponse.builder().rules(result).build();
    }

    public DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
        Rule rule = listeners.requireRule(Constraints.required(request.ruleArn(), "ruleArn"));
        if (rule.isDefault()) {
            throw new AwsException("OperationNotPermitted", "Default rule '" + rule.ruleArn() + "' cannot be deleted");
        }
        listeners.removeRule(rule.ruleArn());
        tags.forget(rule.ruleArn());
        usageChanged(ActionRules.targetGroups(rule.actions()));
        return DeleteRuleResponse.builder().build();
    }

    /** Sets priorities together, so that rules can swap them in one call. */
    public SetRulePrioritiesResponse setRulePriorities(SetRulePrioritiesRequest request) {
        List<RulePriorityPair> pairs = Constraints.required(request.hasRulePriorities() ? request.rulePriorities()
                : null, "rulePriorities");
        Set<String> priorities = new HashSet<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (RulePriorityPair pair : pairs) {
            Rule rule = listeners.requireRule(Constraints.required(pair.ruleArn(), "rulePriorities.member.ruleArn"));
            int priority = Constraints.required(pair.priority(), "rulePriorities.member.priority");
            Constraints.between(priority, 1, 50_000, "rulePriorities.member.priority");
            if (rule.isDefault()) {
                throw new AwsException("OperationNotPermitted", "The priority of the default rule '" + rule.ruleArn()
                        + "' cannot be changed");
            }
            if (!priorities.add(listeners.listenerOf(rule.ruleArn()) + " " + priority)) {
                throw new AwsException("ValidationError", "Priority '" + priority + "' was provided multiple times");
            }
            wanted.put(rule.ruleArn(), priority);
        }
        wanted.forEach((arn, priority) -> {
            String listenerArn = listeners.listenerOf(arn);
            boolean taken = listeners.rulesOf(listenerArn).stream().anyMatch(r -> !wanted.containsKey(r.ruleArn())
                    && r.priority().equals(String.valueOf(priority)));
            if (taken) {
                throw new AwsException("PriorityInUse", "Priority '" + priority + "' is currently in use");
            }
        });
        List<Rule> changed = new ArrayList<>();
        wanted.forEach((arn, priority) -> {
            Rule rule = listeners.rule(arn).orElseThrow().toBuilder().priority(String.valueOf(priority)).build();
            listeners.replaceRule(rule);
            changed.add(rule);
        });
        return SetRulePrioritiesResponse.builder().rules(changed).build();
    }

    // ---- tags ----------------------------------------------------------------------------------------------

    public AddTagsResponse addTags(AddTagsRequest request) {
        List<String> resources = resourcesOf(request.hasResourceArns() ? request.resourceArns() : null);
        List<Tag> added = Constraints.required(request.hasTags() ? request.tags() : null, "tags");
        Tags.check(added);
        resources.forEach(arn -> checkTagLimit(arn, added));
        resources.forEach(arn -> tags.add(arn, added));
        return AddTagsResponse.builder().build();
    }

    public RemoveTagsResponse removeTags(RemoveTagsRequest request) {
        List<String> resources = resourcesOf(request.hasResourceArns() ? request.resourceArns() : null);
        List<String> keys = Constraints.required(request.hasTagKeys() ? request.tagKeys() : null, "tagKeys");
        resources.forEach(arn -> tags.remove(arn, keys));
        return RemoveTagsResponse.builder().build();
    }

    public DescribeTagsResponse describeTags(DescribeTagsRequest request) {
        List<String> resources = resourcesOf(request.hasResourceArns() ? request.resourceArns() : null);
        return DescribeTagsResponse.builder().tagDescriptions(resources.stream()
                .map(arn -> TagDescription.builder().resourceArn(arn).tags(tags.of(arn)).build()).toList()).build();
    }

    // ---- account -------------------------------------------------------------------------------------------

    /** The quotas the sandbox enforces, named as AWS names them. */
    public DescribeAccountLimitsResponse describeAccountLimits(DescribeAccountLimitsRequest request) {
        Constraints.between(request.pageSize(), 1, Pages.MAX_PAGE_SIZE, "pageSize");
        return DescribeAccountLimitsResponse.builder().limits(
                limit("application-load-balancers", LoadBalancers.MAX_LOAD_BALANCERS),
                limit("target-groups", TargetGroups.MAX_TARGET_GROUPS),
                limit("listeners-per-application-load-balancer", Listeners.MAX_LISTENERS_PER_LOAD_BALANCER),
                limit("rules-per-application-load-balancer", Listeners.MAX_RULES_PER_LOAD_BALANCER),
                limit("targets-per-target-group", MAX_TARGETS_PER_GROUP),
                limit("condition-values-per-alb-rule", ConditionRules.MAX_VALUES_PER_RULE),
                limit("tags-per-resource", Tags.MAX_PER_RESOURCE)).build();
    }

    // ---- what ECS needs ------------------------------------------------------------------------------------

    @Override
    public Optional<String> problemWith(String targetGroupArn) {
        Optional<TargetGroup> group = ElbArns.is(targetGroupArn, ElbArns.Kind.TARGET_GROUP)
                ? targetGroups.get(targetGroupArn) : Optional.empty();
        if (group.isEmpty()) {
            // What ECS answers when it cannot find the target group it is given.
            return Optional.of("Unable to assume role and validate the specified targetGroupArn. Please verify that "
                    + "the ECS service role being passed has the proper permissions.");
        }
        if (group.get().targetTypeAsString().equals("instance")) {
            return Optional.of("The provided target group " + targetGroupArn + " has target type instance, which is "
                    + "incompatible with the awsvpc network mode specified in the task definition.");
        }
        if (listeners.loadBalancersUsing(targetGroupArn).isEmpty()) {
            return Optional.of("The target group with targetGroupArn " + targetGroupArn + " does not have an "
                    + "associated load balancer.");
        }
        return Optional.empty();
    }

    /** Registers a task's address; a group deleted since the service was created has nothing to register into. */
    @Override
    public void register(String targetGroupArn, String ip, int port) {
        targetGroups.get(targetGroupArn).ifPresent(group -> targets.register(group, ip, port,
                ipTargets.zoneInVpc(group.vpcId(), ip).orElse("all")));
    }

    @Override
    public void deregister(String targetGroupArn, String ip, int port) {
        if (targetGroups.get(targetGroupArn).isPresent()) {
            targets.deregister(targetGroupArn, ip, port, deregistrationDelay(targetGroupArn));
        }
    }

    @Override
    public Optional<String> health(String targetGroupArn, String ip, int port) {
        return targets.state(targetGroupArn, ip, port);
    }

    @Override
    public Duration deregistrationDelay(String targetGroupArn) {
        Map<String, String> attributes = targetGroups.attributes(targetGroupArn);
        return Duration.ofSeconds(Long.parseLong(attributes == null ? "300"
                : attributes.get("deregistration_delay.timeout_seconds")));
    }

    // ---- state ---------------------------------------------------------------------------------------------

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode();
        for (LoadBalancer loadBalancer : loadBalancers.all()) {
            ObjectNode node = json.toTree(loadBalancer);
            node.set("Attributes", json.mapper().valueToTree(loadBalancers.attributes(loadBalancer.loadBalancerArn())));
            node.set("Tags", tagsTree(json, loadBalancer.loadBalancerArn()));
            state.withArray("loadBalancers").add(node);
        }
        for (TargetGroup group : targetGroups.all()) {
            ObjectNode node = json.toTree(described(group));
            node.set("Attributes", json.mapper().valueToTree(targetGroups.attributes(group.targetGroupArn())));
            node.set("Tags", tagsTree(json, group.targetGroupArn()));
            targets.describe(group, null).forEach(t -> node.withArray("Targets").add(json.toTree(t)));
            state.withArray("targetGroups").add(node);
        }
        for (Listener listener : listeners.all()) {
            ObjectNode node = json.toTree(listener);
            dataPlane.localUrl(listener.listenerArn()).ifPresent(url -> node.put("LocalUrl", url));
            listeners.rulesOf(listener.listenerArn()).forEach(r -> node.withArray("Rules").add(json.toTree(r)));
            state.withArray("listeners").add(node);
        }
        return state;
    }

    // ---- the data plane's view ------------------------------------------------------------------------------

    private final class View implements DataPlaneView {

        @Override
        public List<ListenerPort> listeners() {
            return listeners.all().stream().map(this::port).toList();
        }

        @Override
        public Optional<ListenerPort> listener(String listenerArn) {
            return listeners.get(listenerArn).map(this::port);
        }

        @Override
        public List<Rule> rules(String listenerArn) {
            return listeners.rulesOf(listenerArn);
        }

        @Override
        public Optional<TargetGroup> targetGroup(String targetGroupArn) {
            return targetGroups.get(targetGroupArn);
        }

        @Override
        public int idleTimeoutSeconds(String loadBalancerArn) {
            return loadBalancers.get(loadBalancerArn)
                    .map(lb -> Integer.parseInt(loadBalancers.attributes(loadBalancerArn)
                            .getOrDefault("idle_timeout.timeout_seconds", "60")))
                    .orElse(60);
        }

        @Override
        public List<Target> targets(String targetGroupArn) {
            return targets.targets(targetGroupArn);
        }

        @Override
        public List<TargetGroup> targetGroupsInUse() {
            return targetGroups.all().stream()
                    .filter(g -> !listeners.loadBalancersUsing(g.targetGroupArn()).isEmpty())
                    .map(ElbV2Api.this::described).toList();
        }

        @Override
        public void reportHealth(String targetGroupArn, String ip, int port, TargetHealth health) {
            targets.probed(targetGroupArn, ip, port, health);
        }

        @Override
        public void attach(Hooks hooks) {
            dataPlane = hooks;
        }

        private ListenerPort port(Listener listener) {
            String dnsName = loadBalancers.get(listener.loadBalancerArn()).map(LoadBalancer::dnsName).orElse("");
            return new ListenerPort(listener.listenerArn(), listener.loadBalancerArn(), dnsName, listener.port(),
                    listener.protocolAsString());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /**
     * When health checks of a group's targets can start: once the load balancer using it is active. A target group
     * serves at most one Application Load Balancer.
     */
    private Optional<Instant> checksStart(String targetGroupArn) {
        return listeners.loadBalancersUsing(targetGroupArn).stream().findFirst().map(arn -> {
            Instant activeAt = loadBalancers.activeAt(arn);
            return activeAt.isAfter(scheduler.now()) ? activeAt : scheduler.now();
        });
    }

    private void usageChanged(Set<String> targetGroupArns) {
        targetGroupArns.forEach(arn -> targetGroups.get(arn).ifPresent(targets::usageChanged));
    }

    /** A target group can be used by one load balancer only (ALB guide, "Target groups"). */
    private void checkAssociation(Set<String> targetGroupArns, String loadBalancerArn) {
        for (String arn : targetGroupArns) {
            Set<String> users = listeners.loadBalancersUsing(arn);
            if (!users.isEmpty() && !users.contains(loadBalancerArn)) {
                throw new AwsException("TargetGroupAssociationLimit", "The following target groups cannot be "
                        + "associated with more than one load balancer: " + arn);
            }
        }
    }

    private TargetGroup described(TargetGroup group) {
        return group.toBuilder().loadBalancerArns(List.copyOf(listeners.loadBalancersUsing(group.targetGroupArn())))
                .build();
    }

    private List<LoadBalancerAttribute> loadBalancerAttributes(String arn) {
        return loadBalancers.attributes(arn).entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private List<TargetGroupAttribute> targetGroupAttributes(String arn) {
        return targetGroups.attributes(arn).entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** The resources a tagging call names: 1 to 20 existing ELBv2 resources. */
    private List<String> resourcesOf(List<String> arnList) {
        List<String> resources = Constraints.required(arnList, "resourceArns");
        Constraints.atMost(resources, MAX_TAG_RESOURCES, "resourceArns");
        for (String arn : resources) {
            if (ElbArns.is(arn, ElbArns.Kind.LOAD_BALANCER)) {
                loadBalancers.require(arn);
            } else if (ElbArns.is(arn, ElbArns.Kind.TARGET_GROUP)) {
                targetGroups.require(arn);
            } else if (ElbArns.is(arn, ElbArns.Kind.RULE)) {
                listeners.requireRule(arn);
            } else if (ElbArns.is(arn, ElbArns.Kind.LISTENER)) {
                listeners.require(arn);
            } else {
                throw new AwsException("ValidationError", "'" + arn + "' is not a valid resource ARN");
            }
        }
        return List.copyOf(new LinkedHashSet<>(resources));
    }

    private void checkTagLimit(String arn, List<Tag> added) {
        if (added != null && !tags.fits(arn, added)) {
            throw new AwsException("TooManyTags", "The quota for the number of tags that can be assigned to a "
                    + "resource has been reached");
        }
    }

    private boolean vpcExists(String vpcId) {
        return !ec2.describeVpcs(DescribeVpcsRequest.builder()
                .filters(Filter.builder().name("vpc-id").values(vpcId).build()).build()).vpcs().isEmpty();
    }

    private JsonNode tagsTree(JsonCodec json, String arn) {
        Map<String, String> values = new LinkedHashMap<>();
        tags.of(arn).forEach(t -> values.put(t.key(), t.value()));
        return json.mapper().valueToTree(values);
    }

    private AvailabilityZone zone(String subnetId) {
        return AvailabilityZone.builder()
                .zoneName(ec2.subnet(subnetId).orElseThrow().availabilityZone()).subnetId(subnetId)
                .loadBalancerAddresses(List.of()).build();
    }

    private static Limit limit(String name, int max) {
        return Limit.builder().name(name).max(String.valueOf(max)).build();
    }
}
