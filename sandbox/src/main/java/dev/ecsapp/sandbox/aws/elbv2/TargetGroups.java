package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The target groups and their attributes, with CreateTargetGroup's and ModifyTargetGroup's rules and defaults for
 * Application Load Balancers: HTTP or HTTPS, health checks every 30 s with a 5 s timeout, healthy after 5 passes,
 * unhealthy after 2 failures, on {@code /} expecting 200 (API reference, CreateTargetGroup).
 */
final class TargetGroups {

    static final int MAX_TARGET_GROUPS = 3000;
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
    private static final List<String> TARGET_TYPES = List.of("instance", "ip", "lambda", "alb");
    private static final Pattern HTTP_CODES = Pattern.compile("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*");

    private final ElbArns arns;
    private final Map<String, TargetGroup> byArn = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();

    TargetGroups(ElbArns arns) {
        this.arns = arns;
    }

    /**
     * The target group a CreateTargetGroup call describes, checked, with defaults filled in; its ARN is new unless a
     * group of that name exists (the caller decides whether that is the same group or a duplicate).
     *
     * @param vpcExists whether the VPC named by the request exists
     */
    TargetGroup fromRequest(CreateTargetGroupRequest request, Predicate<String> vpcExists) {
        String name = Constraints.required(request.name(), "name");
        ElbNames.checkTargetGroup(name);
        String targetType = request.targetTypeAsString() == null ? "instance" : request.targetTypeAsString();
        Constraints.oneOf(targetType, TARGET_TYPES, "targetType");
        if (targetType.equals("lambda") || targetType.equals("alb")) {
            throw new AwsException("ValidationError", "Target type '" + targetType + "' is not simulated by the "
                    + "sandbox");
        }
        if (request.protocolAsString() == null) {
            throw new AwsException("ValidationError", "A protocol must be specified");
        }
        if (request.port() == null) {
            throw new AwsException("ValidationError", "A port must be specified");
        }
        if (request.vpcId() == null) {
            throw new AwsException("ValidationError", "A VPC ID must be specified");
        }
        String protocol = request.protocolAsString();
        Constraints.oneOf(protocol, PROTOCOLS, "protocol");
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            throw new AwsException("ValidationError", "Target groups with the '" + protocol + "' protocol serve "
                    + "Network and Gateway Load Balancers, which the sandbox does not simulate");
        }
        Constraints.between(request.port(), 1, 65_535, "port");
        if (!vpcExists.test(request.vpcId())) {
            throw new AwsException("ValidationError", "The VPC ID '" + request.vpcId() + "' is not found");
        }
        String version = request.protocolVersion() == null ? "HTTP1" : request.protocolVersion();
        Constraints.oneOf(version, List.of("HTTP1", "HTTP2", "GRPC"), "protocolVersion");
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Constraints.oneOf(ipAddressType, List.of("ipv4", "ipv6"), "ipAddressType");
        TargetGroup group = TargetGroup.builder()
                .targetGroupArn(find(name).map(TargetGroup::targetGroupArn).orElseGet(() -> arns.targetGroup(name)))
                .targetGroupName(name)
                .protocol(protocol)
                .port(request.port())
                .vpcId(request.vpcId())
                .healthCheckProtocol(orDefault(request.healthCheckProtocolAsString(), protocol))
                .healthCheckPort(orDefault(request.healthCheckPort(), "traffic-port"))
                .healthCheckEnabled(request.healthCheckEnabled() == null || request.healthCheckEnabled())
                .healthCheckIntervalSeconds(orDefault(request.healthCheckIntervalSeconds(), 30))
                .healthCheckTimeoutSeconds(orDefault(request.healthCheckTimeoutSeconds(), 5))
                .healthyThresholdCount(orDefault(request.healthyThresholdCount(), 5))
                .unhealthyThresholdCount(orDefault(request.unhealthyThresholdCount(), 2))
                .healthCheckPath(orDefault(request.healthCheckPath(), version.equals("GRPC") ? "/AWS.ALB/healthcheck"
                        : "/"))
                .matcher(request.matcher() != null ? request.matcher() : version.equals("GRPC")
                        ? Matcher.builder().grpcCode("12").build() : Matcher.builder().httpCode("200").build())
                .targetType(targetType)
                .protocolVersion(version)
                .ipAddressType(ipAddressType)
                .build();
        checkHealthCheck(group);
        return group;
    }

    /** The group after a ModifyTargetGroup call: only health check settings and the matcher change. */
    TargetGroup modified(TargetGroup group, ModifyTargetGroupRequest request) {
        TargetGroup modified = group.toBuilder()
                .healthCheckProtocol(orDefault(request.healthCheckProtocolAsString(),
                        group.healthCheckProtocolAsString()))
                .healthCheckPort(orDefault(request.healthCheckPort(), group.healthCheckPort()))
                .healthCheckPath(orDefault(request.healthCheckPath(), group.healthCheckPath()))
                .healthCheckEnabled(orDefault(request.healthCheckEnabled(), group.healthCheckEnabled()))
                .healthCheckIntervalSeconds(orDefault(request.healthCheckIntervalSeconds(),
                        group.healthCheckIntervalSeconds()))
                .healthCheckTimeoutSeconds(orDefault(request.healthCheckTimeoutSeconds(),
                        group.healthCheckTimeoutSeconds()))
                .healthyThresholdCount(orDefault(request.healthyThresholdCount(), group.healthyThresholdCount()))
                .unhealthyThresholdCount(orDefault(request.unhealthyThresholdCount(), group.unhealthyThresholdCount()))
                .matcher(request.matcher() != null ? request.matcher() : group.matcher())
                .build();
        checkHealthCheck(modified);
        return modified;
    }

    void put(TargetGroup group) {
        if (!byArn.containsKey(group.targetGroupArn())) {
            attributes.put(group.targetGroupArn(), AttributeRules.targetGroupDefaults());
        }
        byArn.put(group.targetGroupArn(), group);
    }

    Optional<TargetGroup> get(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** The group, or TargetGroupNotFound as operations on one group answer. */
    TargetGroup require(String arn) {
        ElbArns.check(arn, ElbArns.Kind.TARGET_GROUP);
        TargetGroup group = byArn.get(arn);
        if (group == null) {
            throw notFound();
        }
        return group;
    }

    Optional<TargetGroup> find(String name) {
        return byArn.values().stream().filter(g -> g.targetGroupName().equals(name)).findFirst();
    }

    List<TargetGroup> all() {
        return new ArrayList<>(byArn.values());
    }

    int count() {
        return byArn.size();
    }

    Map<String, String> attributes(String arn) {
        return attributes.get(arn);
    }

    void setAttributes(String arn, Map<String, String> values) {
        attributes.put(arn, values);
    }

    void remove(String arn) {
        byArn.remove(arn);
        attributes.remove(arn);
    }

    void clear() {
        byArn.clear();
        attributes.clear();
    }

    static AwsException notFound() {
        return new AwsException("TargetGroupNotFound", "One or more target groups not found");
    }

    private static void checkHealthCheck(TargetGroup group) {
        Constraints.oneOf(group.healthCheckProtocolAsString(), PROTOCOLS, "healthCheckProtocol");
        String healthCheckProtocol = group.healthCheckProtocolAsString();
        if (!healthCheckProtocol.equals("HTTP") && !healthCheckProtocol.equals("HTTPS")) {
            throw new AwsException("ValidationError", "Health check protocol '" + healthCheckProtocol
                    + "' is not supported for target groups with the '" + group.protocolAsString() + "' protocol");
        }
        if (!group.healthCheckEnabled()) {
            throw new AwsException("ValidationError", "Health checks cannot be disabled for target groups with "
                    + "target type '" + group.targetTypeAsString() + "'");
        }
        if (!group.healthCheckPort().equals("traffic-port")) {
            try {
                Constraints.between(Integer.parseInt(group.healthCheckPort()), 1, 65_535, "healthCheckPort");
            } catch (NumberFormatException e) {
                throw new AwsException("ValidationError", "Health check port '" + group.healthCheckPort()
                        + "' must be 'traffic-port' or a port number");
            }
        }
        if (!group.healthCheckPath().startsWith("/") || group.healthCheckPath().length() > 1024) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '"
                    + group.healthCheckPath() + "' at 'healthCheckPath' failed to satisfy constraint: Member must "
                    + "start with '/' and have length less than or equal to 1024");
        }
        Constraints.between(group.healthCheckIntervalSeconds(), 5, 300, "healthCheckIntervalSeconds");
        Constraints.between(group.healthCheckTimeoutSeconds(), 2, 120, "healthCheckTimeoutSeconds");
        Constraints.between(group.healthyThresholdCount(), 2, 10, "healthyThresholdCount");
        Constraints.between(group.unhealthyThresholdCount(), 2, 10, "unhealthyThresholdCount");
        if (group.healthCheckTimeoutSeconds() >= group.healthCheckIntervalSeconds()) {
            throw new AwsException("ValidationError", "Health check timeout '" + group.healthCheckTimeoutSeconds()
                    + "' must be smaller than the interval '" + group.healthCheckIntervalSeconds() + "'");
        }
        String httpCode = group.matcher().httpCode();
        if (httpCode != null) {
            checkHttpCodes(httpCode);
        }
    }

    /** ALB health checks pass on codes from 200 to 499: one, a list or a range ({@code 200,202}, {@code 200-299}). */
    private static void checkHttpCodes(String codes) {
        if (!HTTP_CODES.matcher(codes).matches()) {
            throw new AwsException("ValidationError", "Health check matcher HTTP code '" + codes + "' is not valid; "
                    + "use a code, a comma-separated list or a range such as '200-299'");
        }
        for (String code : codes.split("[,-]")) {
            int value = Integer.parseInt(code);
            if (value < 200 || value > 499) {
                throw new AwsException("ValidationError", "Health check matcher HTTP code '" + value
                        + "' must be within '200-499' inclusive");
            }
        }
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
