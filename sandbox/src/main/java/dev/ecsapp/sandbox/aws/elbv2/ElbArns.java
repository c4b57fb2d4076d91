package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ELBv2's identifiers in the shapes AWS makes them: ARNs ending in 16 hex digits
 * ({@code loadbalancer/app/<name>/<id>}, {@code targetgroup/<name>/<id>}, {@code listener/app/<lb name>/<lb id>/<id>},
 * {@code listener-rule/app/<lb name>/<lb id>/<listener id>/<id>}) and DNS names.
 */
final class ElbArns {

    /** The resource kinds, as they appear in an ARN and in "is not a valid ... ARN" messages. */
    enum Kind {
        LOAD_BALANCER("loadbalancer/app/", "load balancer"),
        TARGET_GROUP("targetgroup/", "target group"),
        LISTENER("listener/app/", "listener"),
        RULE("listener-rule/app/", "rule");

        private final String resourcePrefix;
        private final String description;

        Kind(String resourcePrefix, String description) {
            this.resourcePrefix = resourcePrefix;
            this.description = description;
        }
    }

    /**
     * The Route 53 hosted zone of Application Load Balancers' DNS names per region (Elastic Load Balancing endpoints
     * table in the AWS General Reference); ALIAS records point there.
     */
    private static final Map<String, String> HOSTED_ZONES = Map.of(
            "us-east-1", "Z35SXDOTRQ7X7K",
            "us-east-2", "Z3AADJGX6KTTL2",
            "us-west-1", "Z368ELLRRE2KJ0",
            "us-west-2", "Z1H1FL5HABSF5",
            "eu-west-1", "Z32O12XQLNTSW2",
            "eu-west-2", "ZHURV8PSTC4K8",
            "eu-central-1", "Z215JYRZR1TBD5",
            "ap-southeast-1", "Z1LMS91P8CMLE5",
            "ap-southeast-2", "Z1GM3OXH4ZPM65",
            "ap-northeast-1", "Z14GRHDCWA56QT");

    private final Account account;

    ElbArns(Account account) {
        this.account = account;
    }

    String loadBalancer(String name) {
        return loadBalancer(name, newId());
    }

    String loadBalancer(String name, String id) {
        return arn(Kind.LOAD_BALANCER.resourcePrefix + name + "/" + id);
    }

    String targetGroup(String name) {
        return arn(Kind.TARGET_GROUP.resourcePrefix + name + "/" + newId());
    }

    /** A listener of the load balancer: its ARN carries the load balancer's name and ID. */
    String listener(String loadBalancerArn) {
        return listener(loadBalancerArn, newId());
    }

    String listener(String loadBalancerArn, String id) {
        return arn(Kind.LISTENER.resourcePrefix + after(loadBalancerArn, Kind.LOAD_BALANCER) + "/" + id);
    }

    String rule(String listenerArn) {
        return arn(Kind.RULE.resourcePrefix + after(listenerArn, Kind.LISTENER) + "/" + newId());
    }

    /** {@code my-alb-1234567890.us-east-1.elb.amazonaws.com}; internal load balancers' names start with internal-. */
    String dnsName(String name, boolean internal) {
        long number = 1_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000L);
        return (internal ? "internal-" : "") + name + "-" + number + "." + account.region() + ".elb.amazonaws.com";
    }

    /** The region's hosted zone; regions missing from the table get us-east-1's. */
    String hostedZone() {
        return HOSTED_ZONES.getOrDefault(account.region(), HOSTED_ZONES.get("us-east-1"));
    }

    /** Refuses a string that is not an ARN of this kind, as ELBv2 does before looking anything up. */
    static String check(String arn, Kind kind) {
        if (!is(arn, kind)) {
            throw new AwsException("ValidationError", "'" + arn + "' is not a valid " + kind.description + " ARN");
        }
        return arn;
    }

    static boolean is(String arn, Kind kind) {
        return arn != null && arn.startsWith("arn:aws:elasticloadbalancing:")
                && arn.contains(":" + kind.resourcePrefix);
    }

    private String arn(String resource) {
        return account.arn("elasticloadbalancing", resource);
    }

    private static String after(String arn, Kind kind) {
        return arn.substring(arn.indexOf(":" + kind.resourcePrefix) + kind.resourcePrefix.length() + 1);
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
