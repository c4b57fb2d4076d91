package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * The load balancers, their attributes and when each becomes active, with CreateLoadBalancer's rules for
 * Application Load Balancers: subnets of one VPC in at least two Availability Zones, one subnet per zone, existing
 * security groups (API reference, CreateLoadBalancer).
 */
final class LoadBalancers {

    static final int MAX_LOAD_BALANCERS = 50;

    /** One load balancer as kept: its description, attributes and the instant provisioning ends. */
    private static final class Stored {
        private LoadBalancer description;
        private Map<String, String> attributes = AttributeRules.loadBalancerDefaults();
        private Instant activeAt;
    }

    private final ElbArns arns;
    private final Ec2Api ec2;
    private final Map<String, Stored> byArn = new LinkedHashMap<>();

    LoadBalancers(ElbArns arns, Ec2Api ec2) {
        this.arns = arns;
        this.ec2 = ec2;
    }

    /**
     * The load balancer a CreateLoadBalancer call describes, checked, provisioning; an existing one of that name keeps
     * its ARN, DNS name and creation time so that the caller can tell a repeated call from a duplicate.
     */
    LoadBalancer fromRequest(CreateLoadBalancerRequest request, Instant now) {
        String name = Constraints.required(request.name(), "name");
        ElbNames.checkLoadBalancer(name);
        String type = request.typeAsString() == null ? "application" : request.typeAsString();
        Constraints.oneOf(type, List.of("application", "network", "gateway"), "type");
        if (!type.equals("application")) {
            throw new AwsException("ValidationError", "Load balancers of type '" + type + "' are not simulated by "
                    + "the sandbox; it simulates Application Load Balancers");
        }
        String scheme = request.schemeAsString() == null ? "internet-facing" : request.schemeAsString();
        Constraints.oneOf(scheme, List.of("internet-facing", "internal"), "scheme");
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Constraints.oneOf(ipAddressType, List.of("ipv4", "dualstack", "dualstack-without-public-ipv4"),
                "ipAddressType");
        List<AvailabilityZone> zones = zones(request);
        List<String> securityGroups = request.hasSecurityGroups() ? List.copyOf(request.securityGroups()) : List.of();
        for (String group : securityGroups) {
            if (!ec2.securityGroupExists(group)) {
                throw new AwsException("InvalidSecurityGroup", "The security group '" + group + "' does not exist");
            }
        }
        Optional<LoadBalancer> existing = find(name);
        return LoadBalancer.builder()
                .loadBalancerArn(existing.map(LoadBalancer::loadBalancerArn).orElseGet(() -> arns.loadBalancer(name)))
                .dnsName(existing.map(LoadBalancer::dnsName)
                        .orElseGet(() -> arns.dnsName(name, scheme.equals("internal"))))
                .canonicalHostedZoneId(arns.hostedZone())
                .createdTime(existing.map(LoadBalancer::createdTime).orElse(now))
                .loadBalancerName(name)
                .scheme(scheme)
                .vpcId(ec2.subnet(zones.get(0).subnetId()).orElseThrow().vpcId())
                .state(existing.map(LoadBalancer::state).orElse(LoadBalancerState.builder()
                        .code(LoadBalancerStateEnum.PROVISIONING).build()))
                .type(type)
                .availabilityZones(zones)
                .securityGroups(securityGroups)
                .ipAddressType(ipAddressType)
                .build();
    }

    void add(LoadBalancer loadBalancer, Instant activeAt) {
        Stored stored = new Stored();
        stored.description = loadBalancer;
        stored.activeAt = activeAt;
        byArn.put(loadBalancer.loadBalancerArn(), stored);
    }

    /** Replaces the description of a load balancer (its settings changed); attributes and state stay. */
    void replace(LoadBalancer loadBalancer) {
        Stored stored = byArn.get(loadBalancer.loadBalancerArn());
        stored.description = loadBalancer.toBuilder().state(stored.description.state()).build();
    }

    /** Ends provisioning, if the load balancer still exists. */
    void activate(String arn) {
        Stored stored = byArn.get(arn);
        if (stored != null) {
            stored.description = stored.description.toBuilder()
                    .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build()).build();
        }
    }

    Optional<LoadBalancer> get(String arn) {
        return Optional.ofNullable(byArn.get(arn)).map(s -> s.description);
    }

    /** The load balancer, or LoadBalancerNotFound as operations on one load balancer answer. */
    LoadBalancer require(String arn) {
        ElbArns.check(arn, ElbArns.Kind.LOAD_BALANCER);
        return get(arn).orElseThrow(LoadBalancers::notFound);
    }

    Optional<LoadBalancer> find(String name) {
        return byArn.values().stream().map(s -> s.description).filter(lb -> lb.loadBalancerName().equals(name))
                .findFirst();
    }

    List<LoadBalancer> all() {
        return byArn.values().stream().map(s -> s.description).toList();
    }

    int count() {
        return byArn.size();
    }

    Instant activeAt(String arn) {
        return byArn.get(arn).activeAt;
    }

    Map<String, String> attributes(String arn) {
        return byArn.get(arn).attributes;
    }

    void setAttributes(String arn, Map<String, String> attributes) {
        byArn.get(arn).attributes = attributes;
    }

    void remove(String arn) {
        byArn.remove(arn);
    }

    void clear() {
        byArn.clear();
    }

    static AwsException notFound() {
        return new AwsException("LoadBalancerNotFound", "One or more load balancers not found");
    }

    private List<AvailabilityZone> zones(CreateLoadBalancerRequest request) {
        List<String> subnetIds = new ArrayList<>();
        if (request.hasSubnets()) {
            subnetIds.addAll(request.subnets());
        }
        if (request.hasSubnetMappings()) {
            request.subnetMappings().stream().map(SubnetMapping::subnetId).forEach(subnetIds::add);
        }
        List<AvailabilityZone> zones = new ArrayList<>();
        Set<String> zoneNames = new HashSet<>();
        Set<String> vpcs = new HashSet<>();
        for (String subnetId : subnetIds) {
            Subnet subnet = ec2.subnet(subnetId).orElseThrow(() -> new AwsException("SubnetNotFound",
                    "The subnet ID '" + subnetId + "' is not valid"));
            if (!zoneNames.add(subnet.availabilityZone())) {
                throw new AwsException("InvalidConfigurationRequest", "A load balancer cannot be attached to "
                        + "multiple subnets in the same Availability Zone");
            }
            vpcs.add(subnet.vpcId());
            zones.add(AvailabilityZone.builder().zoneName(subnet.availabilityZone()).subnetId(subnetId)
                    .loadBalancerAddresses(List.of()).build());
        }
        if (zones.size() < 2) {
            throw new AwsException("ValidationError", "At least two subnets in two different Availability Zones "
                    + "must be specified");
        }
        if (vpcs.size() > 1) {
            throw new AwsException("InvalidConfigurationRequest", "The subnets must all belong to the same VPC");
        }
        return zones;
    }
}
