package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.regex.Pattern;

/**
 * Naming rules of load balancers and target groups: at most 32 alphanumeric characters or hyphens, no hyphen at
 * either end, and for load balancers no {@code internal-} prefix (CreateLoadBalancer and CreateTargetGroup, Name).
 */
final class ElbNames {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9-]+");
    private static final int MAX_LENGTH = 32;

    private ElbNames() {
    }

    static void checkTargetGroup(String name) {
        check(name, "Target group name '" + name + "'");
    }

    static void checkLoadBalancer(String name) {
        check(name, "The load balancer name '" + name + "'");
        if (name.startsWith("internal-")) {
            throw new AwsException("ValidationError", "The load balancer name '" + name
                    + "' cannot begin with 'internal-'");
        }
    }

    private static void check(String name, String subject) {
        if (name.length() > MAX_LENGTH) {
            throw new AwsException("ValidationError", subject + " cannot be longer than '" + MAX_LENGTH
                    + "' characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new AwsException("ValidationError", subject
                    + " can only contain characters that are alphanumeric characters or hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw new AwsException("ValidationError", subject + " cannot begin or end with '-'");
        }
    }
}
