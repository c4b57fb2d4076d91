package dev.ecsapp.operator.desired;

import java.util.Locale;

// Kubernetes names may hold dots and be 253 characters long; where AWS allows neither, the readable part is cleaned
// and shortened, and a hash of namespace/name keeps it unique.
/** The deterministic AWS names of one app's resources. */
public record ResourceNames(AppIdentity app) {

    static final int ECS_NAME_MAX = 255;
    static final int TARGET_GROUP_NAME_MAX = 32;
    static final int HASH_DIGITS = 8;

    /** Task definition family and service name: letters, digits, hyphens and underscores, at most 255. */
    public String family() {
        // The underscore cannot occur in a Kubernetes name, so namespace_name never collides across namespaces.
        String readable = app.namespace() + "_" + app.name();
        String cleaned = readable.replace('.', '-');
        if (cleaned.equals(readable) && cleaned.length() <= ECS_NAME_MAX) {
            return cleaned;
        }
        return withHash(cleaned, ECS_NAME_MAX);
    }

    public String serviceName() {
        return family();
    }

    /** The one container of the task, named after the app. */
    public String containerName() {
        return app.name().replace('.', '-');
    }

    /** CloudWatch log group names take dots and slashes, so the app's identity fits unchanged. */
    public String logGroupName() {
        return "/ecs/" + app.namespace() + "/" + app.name();
    }

    /** ECR names take lowercase letters, digits and single separators, which Kubernetes names nearly are. */
    public String defaultRepositoryName() {
        return (app.namespace() + "/" + app.name()).replaceAll("([._-])[._-]+", "$1");
    }

    /**
     * At most 32 letters, digits and hyphens, neither starting nor ending with a hyphen nor starting with
     * "internal-": always hashed, because so short a readable part collides easily.
     */
    public String targetGroupName() {
        String readable = (app.name() + "-" + app.namespace()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (readable.startsWith("internal")) {
            readable = "ea-" + readable;
        }
        return withHash(readable, TARGET_GROUP_NAME_MAX);
    }

    /**
     * The name a replacement target group takes while the one at {@link #targetGroupName} still exists: port,
     * protocol and target type cannot change in place, and ELBv2 names are unique, so an app alternates between the
     * two (a later replacement goes back to the first name, long deleted by then).
     */
    public String replacementTargetGroupName() {
        String primary = targetGroupName();
        String prefix = primary.substring(0, primary.length() - HASH_DIGITS);
        return prefix + Sha256.hex((app.owner() + "#replacement").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                HASH_DIGITS);
    }

    /** Application Auto Scaling's id of the service's desired count. */
    public String scalableResourceId(String cluster) {
        return "service/" + cluster + "/" + serviceName();
    }

    public String scalingPolicyName(String suffix) {
        return serviceName() + "-" + suffix;
    }

    private String withHash(String readable, int max) {
        String prefix = readable.substring(0, Math.min(readable.length(), max - HASH_DIGITS - 1));
        return prefix.replaceAll("-+$", "") + "-" + app.hash(HASH_DIGITS);
    }
}
