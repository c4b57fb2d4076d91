package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Where an IP target is: the Availability Zone of the group's VPC subnet holding its address. An address outside the
 * VPC must name its zone (or {@code all}); one inside may not override it (API reference, TargetDescription).
 */
final class IpTargets {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final Ec2Api ec2;

    IpTargets(Ec2Api ec2) {
        this.ec2 = ec2;
    }

    /** The zone the target is registered in, or the refusal AWS gives for it. */
    String zoneOf(TargetGroup group, TargetDescription target) {
        String ip = target.id();
        if (address(ip) < 0) {
            throw new AwsException("ValidationError", "The IP address '" + ip + "' is not a valid IPv4 address");
        }
        Optional<Subnet> subnet = subnetOf(group.vpcId(), ip);
        String requested = target.availabilityZone();
        if (subnet.isEmpty()) {
            if (requested == null) {
                throw new AwsException("ValidationError", "The Availability Zone is required for IP address '" + ip
                        + "' because it is not in the VPC");
            }
            return requested;
        }
        String zone = subnet.get().availabilityZone();
        if (requested != null && !requested.equals(zone)) {
            throw new AwsException("ValidationError", "The IP address '" + ip + "' is within the VPC, and cannot "
                    + "have its Availability Zone overridden to '" + requested + "' from '" + zone + "'");
        }
        return zone;
    }

    /** The zone of an address in the VPC, for targets ECS registers (task addresses always are). */
    Optional<String> zoneInVpc(String vpcId, String ip) {
        return address(ip) < 0 ? Optional.empty() : subnetOf(vpcId, ip).map(Subnet::availabilityZone);
    }

    private Optional<Subnet> subnetOf(String vpcId, String ip) {
        long address = address(ip);
        return ec2.describeSubnets(DescribeSubnetsRequest.builder()
                        .filters(Filter.builder().name("vpc-id").values(vpcId).build()).build())
                .subnets().stream().filter(s -> contains(s.cidrBlock(), address)).findFirst();
    }

    private static boolean contains(String cidr, long address) {
        int slash = cidr.indexOf('/');
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (address(cidr.substring(0, slash)) & mask) == (address & mask);
    }

    /** The address as a number, or -1 when the text is not a dotted IPv4 address. */
    private static long address(String ip) {
        Matcher parts = ip == null ? null : IPV4.matcher(ip);
        if (parts == null || !parts.matches()) {
            return -1;
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(parts.group(i));
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
