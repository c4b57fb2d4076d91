package dev.ecsapp.sandbox.aws.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * EC2, read-only: the built-in network of the reference architecture. One VPC across two zones, a public and a
 * private subnet in each, a security group for the ALB (80 and 443 from anywhere) and one for tasks (the app port
 * from the ALB's group). ECS uses it to check subnets and security groups and to give tasks private addresses.
 */
public final class Ec2Api implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.ec2("ec2", "software.amazon.awssdk.services.ec2.model",
            "http://ec2.amazonaws.com/doc/2016-11-15/");

    public static final String VPC_ID = "vpc-0c0ffee0000000001";
    public static final String PUBLIC_SUBNET_A = "subnet-0c0ffee00000001a1";
    public static final String PUBLIC_SUBNET_B = "subnet-0c0ffee00000001b1";
    public static final String PRIVATE_SUBNET_A = "subnet-0c0ffee00000002a1";
    public static final String PRIVATE_SUBNET_B = "subnet-0c0ffee00000002b1";
    public static final String ALB_SECURITY_GROUP = "sg-0c0ffee0000000a1b";
    public static final String TASKS_SECURITY_GROUP = "sg-0c0ffee0000000e05";

    private final Account account;
    private final List<Vpc> vpcs = new ArrayList<>();
    private final List<Subnet> subnets = new ArrayList<>();
    private final List<SecurityGroup> securityGroups = new ArrayList<>();
    /** The next host number to hand out in each subnet (tasks get 10.0.x.10 upwards). */
    private final Map<String, Integer> nextHost = new HashMap<>();

    public Ec2Api(Account account) {
        this.account = account;
        reset();
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        vpcs.clear();
        subnets.clear();
        securityGroups.clear();
        nextHost.clear();
        vpcs.add(Vpc.builder().vpcId(VPC_ID).cidrBlock("10.0.0.0/16").state("available").isDefault(false)
                .ownerId(account.id()).tags(name("sandbox-vpc")).build());
        String a = account.region() + "a";
        String b = account.region() + "b";
        subnets.add(subnet(PUBLIC_SUBNET_A, "10.0.1.0/24", a, true, "sandbox-public-a"));
        subnets.add(subnet(PUBLIC_SUBNET_B, "10.0.2.0/24", b, true, "sandbox-public-b"));
        subnets.add(subnet(PRIVATE_SUBNET_A, "10.0.11.0/24", a, false, "sandbox-private-a"));
        subnets.add(subnet(PRIVATE_SUBNET_B, "10.0.12.0/24", b, false, "sandbox-private-b"));
        securityGroups.add(SecurityGroup.builder().groupId(ALB_SECURITY_GROUP).groupName("sandbox-alb")
                .description("ALB: HTTP and HTTPS from the internet").vpcId(VPC_ID).ownerId(account.id())
                .ipPermissions(fromAnywhere(80), fromAnywhere(443)).ipPermissionsEgress(allOut())
                .tags(name("sandbox-alb")).build());
        securityGroups.add(SecurityGroup.builder().groupId(TASKS_SECURITY_GROUP).groupName("sandbox-tasks")
                .description("ECS tasks: the app port from the ALB only").vpcId(VPC_ID).ownerId(account.id())
                .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(5000).toPort(5000)
                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(ALB_SECURITY_GROUP)
                                .userId(account.id()).build()).build())
                .ipPermissionsEgress(allOut()).tags(name("sandbox-tasks")).build());
    }

    public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request) {
        List<Vpc> found = select(vpcs, request.vpcIds(), Vpc::vpcId, "InvalidVpcID.NotFound", "The vpc ID '%s' does "
                + "not exist");
        found = filter(found, request.filters(), (vpc, name) -> switch (name) {
            case "vpc-id" -> List.of(vpc.vpcId());
            case "cidr", "cidr-block" -> List.of(vpc.cidrBlock());
            case "state" -> List.of(vpc.stateAsString());
            default -> tagValues(vpc.tags(), name);
        });
        return DescribeVpcsResponse.builder().vpcs(found).build();
    }

    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
        List<Subnet> found = select(subnets, request.subnetIds(), Subnet::subnetId, "InvalidSubnetID.NotFound",
                "The subnet ID '%s' does not exist");
        found = filter(found, request.filters(), (subnet, name) -> switch (name) {
            case "subnet-id" -> List.of(subnet.subnetId());
            case "vpc-id" -> List.of(subnet.vpcId());
            case "availability-zone" -> List.of(subnet.availabilityZone());
            case "cidr-block" -> List.of(subnet.cidrBlock());
            case "map-public-ip-on-launch" -> List.of(String.valueOf(subnet.mapPublicIpOnLaunch()));
            default -> tagValues(subnet.tags(), name);
        });
        return DescribeSubnetsResponse.builder().subnets(found).build();
    }

    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
        List<SecurityGroup> found = select(securityGroups, request.groupIds(), SecurityGroup::groupId,
                "InvalidGroup.NotFound", "The security group '%s' does not exist");
        if (request.hasGroupNames()) {
            for (String groupName : request.groupNames()) {
                if (found.stream().noneMatch(g -> g.groupName().equals(groupName))) {
                    throw new AwsException("InvalidGroup.NotFound", "The security group '" + groupName
                            + "' does not exist in default VPC '" + VPC_ID + "'");
                }
            }
            found = found.stream().filter(g -> request.groupNames().contains(g.groupName())).toList();
        }
        found = filter(found, request.filters(), (group, name) -> switch (name) {
            case "group-id" -> List.of(group.groupId());
            case "group-name" -> List.of(group.groupName());
            case "vpc-id" -> List.of(group.vpcId());
            default -> tagValues(group.tags(), name);
        });
        return DescribeSecurityGroupsResponse.builder().securityGroups(found).build();
    }

    public Optional<Subnet> subnet(String subnetId) {
        return subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst();
    }

    public boolean securityGroupExists(String groupId) {
        return securityGroups.stream().anyMatch(g -> g.groupId().equals(groupId));
    }

    /** A private address for a new task in the subnet: deterministic, never reused while the sandbox runs. */
    public String allocateAddress(String subnetId) {
        Subnet subnet = subnet(subnetId).orElseThrow();
        int host = nextHost.merge(subnetId, 1, Integer::sum) + 9;
        String base = subnet.cidrBlock().substring(0, subnet.cidrBlock().lastIndexOf('.'));
        // Past .254 the third octet's neighbours are used: the sandbox never runs 60,000 tasks in one subnet.
        return host <= 254 ? base + "." + host
                : base.substring(0, base.lastIndexOf('.') + 1) + (Integer.parseInt(base.substring(
                        base.lastIndexOf('.') + 1)) + host / 250) + "." + (host % 250 + 2);
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ObjectNode state = json.mapper().createObjectNode();
        vpcs.forEach(v -> state.withArray("vpcs").add(json.toTree(v)));
        subnets.forEach(s -> state.withArray("subnets").add(json.toTree(s)));
        securityGroups.forEach(g -> state.withArray("securityGroups").add(json.toTree(g)));
        return state;
    }

    private Subnet subnet(String id, String cidr, String zone, boolean isPublic, String name) {
        return Subnet.builder().subnetId(id).vpcId(VPC_ID).cidrBlock(cidr).availabilityZone(zone)
                .availabilityZoneId(zone.replace(account.region(), "use1-az")).state("available")
                .mapPublicIpOnLaunch(isPublic).availableIpAddressCount(251).defaultForAz(false)
                .ownerId(account.id()).subnetArn(account.arn("ec2", "subnet/" + id))
                .tags(name(name), Tag.builder().key("tier").value(isPublic ? "public" : "private").build()).build();
    }

    private static Tag name(String value) {
        return Tag.builder().key("Name").value(value).build();
    }

    private static IpPermission fromAnywhere(int port) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }

    private static IpPermission allOut() {
        return IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }

    /** The requested IDs in order (each must exist, as EC2 insists), or everything when none was named. */
    private static <T> List<T> select(List<T> all, List<String> ids, Function<T, String> id, String code,
            String message) {
        if (ids == null || ids.isEmpty()) {
            return new ArrayList<>(all);
        }
        List<T> found = new ArrayList<>();
        for (String wanted : ids) {
            found.add(all.stream().filter(item -> id.apply(item).equals(wanted)).findFirst()
                    .orElseThrow(() -> new AwsException(code, String.format(message, wanted))));
        }
        return found;
    }

    private interface FilterValues<T> {
        List<String> of(T item, String filterName);
    }

    /** EC2 filters: every filter must match; within one, any of its values ({@code *} as a wildcard). */
    private static <T> List<T> filter(List<T> items, List<Filter> filters, FilterValues<T> values) {
        if (filters == null || filters.isEmpty()) {
            return items;
        }
        return items.stream().filter(item -> filters.stream().allMatch(f -> {
            List<String> actual = values.of(item, f.name());
            if (actual == null) {
                throw new AwsException("InvalidParameterValue", "The filter '" + f.name() + "' is invalid");
            }
            return f.values().stream().anyMatch(v -> actual.stream().anyMatch(a -> a.matches(
                    java.util.regex.Pattern.quote(v).replace("*", "\\E.*\\Q"))));
        })).toList();
    }

    private static List<String> tagValues(List<Tag> tags, String filterName) {
        if (filterName.startsWith("tag:")) {
            String key = filterName.substring(4);
            return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).toList();
        }
        if (filterName.equals("tag-key")) {
            return tags.stream().map(Tag::key).toList();
        }
        return null;
    }
}
