package dev.ecsapp.operator.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/** The two ARN forms ECS accepts for a container secret. */
final class SecretArns {

    private static final String PARTITION_REGION_ACCOUNT = "arn:aws(?:-[a-z]+)*:%s:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:";
    /**
     * A secret, optionally narrowed to a JSON key, version stage and version id; ECS wants all three colons of the
     * suffix when any part is given (arn:...:secret:name:json-key:: is the key of the current version).
     */
    private static final Pattern SECRETS_MANAGER = Pattern.compile(PARTITION_REGION_ACCOUNT.formatted("secretsmanager")
            + "secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?");
    private static final Pattern SSM_PARAMETER = Pattern.compile(PARTITION_REGION_ACCOUNT.formatted("ssm")
            + "parameter/[A-Za-z0-9/_.-]+");

    static final String FORMS = "use arn:aws:secretsmanager:<region>:<account>:secret:<name> (optionally followed by "
            + ":<json-key>:<version-stage>:<version-id>) or arn:aws:ssm:<region>:<account>:parameter/<name>";

    private SecretArns() {
    }

    static boolean valid(String arn) {
        return SECRETS_MANAGER.matcher(arn).matches() || SSM_PARAMETER.matcher(arn).matches();
    }

    /** The partition of an ARN: aws, aws-cn, aws-us-gov, ... */
    static String partition(String arn) {
        return arn.split(":", 3)[1];
    }

    /**
     * The partition of a region, where the name says it: cn-* is aws-cn, us-gov-* aws-us-gov, the others aws. Empty for
     * the isolated and sovereign partitions (us-iso-*, eusc-*, ...), whose names this does not keep up with.
     */
    static Optional<String> partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return Optional.of("aws-cn");
        }
        if (region.startsWith("us-gov-")) {
            return Optional.of("aws-us-gov");
        }
        if (region.contains("-iso") || region.startsWith("eusc-")) {
            return Optional.empty();
        }
        return Optional.of("aws");
    }
}
