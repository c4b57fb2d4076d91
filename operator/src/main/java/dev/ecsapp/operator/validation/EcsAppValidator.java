package dev.ecsapp.operator.validation;

import dev.ecsapp.operator.api.v1alpha1.AutoscalingSpec;
import dev.ecsapp.operator.api.v1alpha1.CapacityProviderItem;
import dev.ecsapp.operator.api.v1alpha1.ContainerHealthCheck;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.RolloutSpec;
import dev.ecsapp.operator.api.v1alpha1.SecretRef;
import dev.ecsapp.operator.api.v1alpha1.TargetHealthCheck;
import dev.ecsapp.awsfacts.FargateSizes;
import dev.ecsapp.operator.aws.ImageReference;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.config.ResolvedSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

// An object may reach the operator without the API server's validation (another CRD version, a cluster or test double
// that does not validate), so everything the schema says is checked here too: its bounds by SchemaBounds, from the
// same annotations, and its CEL rules by hand, with the same messages (SchemaAndValidatorAgreeTest holds the two to
// each other). Then rules across fields, AWS's own limits, and settings that must come from the app or the operator's
// defaults. A missing value is a violation, never an exception. Pure: the same spec and defaults always give the same
// violations in the same order.
/** Checks a spec before anything is deployed from it; an empty list means it can be deployed. */
public final class EcsAppValidator {

    /** Set by the operator from the image, so an app cannot set it itself. */
    public static final String APP_VERSION = "APP_VERSION";
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern LISTENER_REGION =
            Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):.*");
    /** ECS's ContainerDefinition.image: these characters, up to 255 of them before an optional digest. */
    static final int IMAGE_NAME_MAX = 255;
    private static final Pattern IMAGE_CHARACTERS = Pattern.compile("[A-Za-z0-9_.:/#-]+");
    /** The only digest ECS takes. */
    private static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[A-Fa-f0-9]{64}");

    /**
     * The violations of the spec as stored: where it could not be read (a wrong type, an unknown value or field), or
     * everything wrong in what was read.
     */
    public List<Violation> validate(EcsApp app, OperatorDefaults defaults) {
        if (app.getSpec() != null) {
            return validate(app.getSpec(), defaults);
        }
        return List.of(app.unreadableSpec().map(unreadable -> new Violation(unreadable.fieldPath(),
                unreadable.problem())).orElseGet(() -> new Violation("spec", "required but missing; an EcsApp "
                + "needs at least spec.image")));
    }

    public List<Violation> validate(EcsAppSpec spec, OperatorDefaults defaults) {
        ResolvedSettings settings = ResolvedSettings.of(spec, defaults);
        List<Violation> violations = new ArrayList<>();
        checkImage(spec, violations);
        checkTaskSize(spec, violations);
        checkSharedSettings(settings, violations);
        checkRegion(spec, defaults, violations);
        checkEnvironment(spec, settings, violations);
        checkHealthCheck(spec.healthCheck(), violations);
        if (spec.loadBalancer() != null) {
            checkLoadBalancer(spec.loadBalancer(), settings, violations);
        }
        checkScaling(spec, violations);
        checkLogRetention(spec, violations);
        checkRollout(spec.rollout(), violations);
        checkCapacityProviders(spec.capacityProviders(), violations);
        violations.addAll(TagRules.check(spec.tags()));
        // The checks above say more than "does not match the pattern" about the fields they check.
        Set<String> named = violations.stream().map(Violation::fieldPath).collect(Collectors.toSet());
        List<Violation> all = new ArrayList<>(SchemaBounds.check(spec, "spec").stream()
                .filter(bound -> !named.contains(bound.fieldPath())).toList());
        all.addAll(violations);
        return List.copyOf(all);
    }

    private static void checkImage(EcsAppSpec spec, List<Violation> violations) {
        if (spec.image() == null || spec.image().isEmpty()) {
            return; // required, with a minimum length: SchemaBounds says so
        }
        int at = spec.image().indexOf('@');
        String name = at < 0 ? spec.image() : spec.image().substring(0, at);
        if (at >= 0 && !IMAGE_DIGEST.matcher(spec.image().substring(at + 1)).matches()) {
            violations.add(new Violation("spec.image", "the digest \"" + spec.image().substring(at + 1) + "\" is not "
                    + "sha256: and 64 hexadecimal digits, the only digest ECS takes"));
        }
        if (name.length() > IMAGE_NAME_MAX) {
            violations.add(new Violation("spec.image", "image has " + name.length() + " characters"
                    + (at < 0 ? "" : " before the digest") + "; ECS takes at most " + IMAGE_NAME_MAX));
        }
        if (!name.isEmpty() && !IMAGE_CHARACTERS.matcher(name).matches()) {
            violations.add(new Violation("spec.image", "image \"" + spec.image() + "\" has a character ECS does not "
                    + "take; use letters, digits and - _ . : / #, and @sha256:... for a digest"));
        }
        if (!ImageReference.parse(spec.image()).pinned()) {
            violations.add(new Violation("spec.image", "image \"" + spec.image() + "\" has no tag, so ECS runs :latest "
                    + "and a push changes what new tasks run; add a tag like :1.4.2 or a digest @sha256:..."));
        }
    }

    private static void checkTaskSize(EcsAppSpec spec, List<Violation> violations) {
        OptionalInt cpu = FargateSizes.cpuUnits(spec.cpuText());
        OptionalInt memory = FargateSizes.memoryMib(spec.memoryText());
        if (cpu.isEmpty()) {
            violations.add(new Violation("spec.cpu", "cpu \"" + spec.cpuText() + "\" is not a size; write CPU units "
                    + "such as 256 or 1024, or vCPU such as \"0.25 vCPU\""));
        } else if (!FargateSizes.cpuUnits().contains(cpu.getAsInt())) {
            violations.add(new Violation("spec.cpu", "Fargate has no task with cpu " + cpu.getAsInt()
                    + "; use one of " + FargateSizes.cpuUnits()));
        }
        if (memory.isEmpty()) {
            violations.add(new Violation("spec.memory", "memory \"" + spec.memoryText() + "\" is not a size; write MiB "
                    + "such as 512 or 2048, or GB such as \"0.5 GB\""));
        }
        if (cpu.isPresent() && memory.isPresent() && FargateSizes.cpuUnits().contains(cpu.getAsInt())
                && !FargateSizes.offered(cpu.getAsInt(), memory.getAsInt())) {
            List<Integer> allowed = FargateSizes.memoryFor(cpu.getAsInt());
            violations.add(new Violation("spec.memory", "Fargate has no task with cpu " + cpu.getAsInt()
                    + " and memory " + memory.getAsInt() + " MiB; with this cpu use memory from " + allowed.get(0)
                    + " to " + allowed.get(allowed.size() - 1) + " MiB" + stepOf(allowed) + ", or change cpu"));
        }
    }

    private static String stepOf(List<Integer> allowed) {
        return allowed.size() < 2 ? "" : " in steps of " + (allowed.get(1) - allowed.get(0));
    }

    private static void checkSharedSettings(ResolvedSettings settings, List<Violation> violations) {
        if (settings.cluster() == null) {
            violations.add(missing("spec.cluster", "an ECS cluster"));
        }
        if (settings.region() == null) {
            violations.add(missing("spec.region", "a region"));
        }
        if (settings.subnets().isEmpty()) {
            violations.add(missing("spec.network.subnets", "subnets for the tasks"));
        }
        if (settings.executionRoleArn() == null) {
            violations.add(new Violation("spec.executionRoleArn", "no execution role, and the operator has no default "
                    + "one; ECS needs it to send logs to CloudWatch (and to pull from ECR and read secrets): set "
                    + "spec.executionRoleArn or the operator's default execution role"));
        }
        checkIds("spec.network.subnets", settings.subnets(), SUBNET_ID, "subnet-0123456789abcdef0", violations);
        checkIds("spec.network.securityGroups", settings.securityGroups(), SECURITY_GROUP_ID, "sg-0123456789abcdef0",
                violations);
    }

    // Every call goes to the operator's region, and the defaults an app leans on (subnets, security groups, listener,
    // roles) are regional too: an app in another region would be half made in the wrong one. Refused, not ignored.
    private static void checkRegion(EcsAppSpec spec, OperatorDefaults defaults, List<Violation> violations) {
        if (spec.region() != null && defaults.region() != null && !spec.region().equals(defaults.region())) {
            violations.add(new Violation("spec.region", "this operator manages apps in " + defaults.region()
                    + " only, not " + spec.region() + "; remove spec.region, or apply the app where an operator runs "
                    + "with --region=" + spec.region()));
        }
    }

    private static Violation missing(String field, String what) {
        return new Violation(field, "no " + what + " in the app, and the operator has no default; set " + field
                + " or the operator's default");
    }

    private static void checkIds(String field, List<String> ids, Pattern form, String example,
            List<Violation> violations) {
        for (int i = 0; i < ids.size(); i++) {
            if (!form.matcher(ids.get(i)).matches()) {
                violations.add(new Violation(field + "[" + i + "]", "\"" + ids.get(i) + "\" is not an id of the form "
                        + example));
            }
        }
    }

    private static void checkEnvironment(EcsAppSpec spec, ResolvedSettings settings, List<Violation> violations) {
        Map<String, String> firstUse = new HashMap<>();
        for (int i = 0; i < spec.env().size(); i++) {
            String name = spec.env().get(i).name();
            String field = "spec.env[" + i + "].name";
            if (name == null) {
                continue; // required: SchemaBounds says so
            }
            if (APP_VERSION.equals(name)) {
                violations.add(new Violation(field, APP_VERSION + " is set by the operator to the image's tag; "
                        + "remove it from env"));
            }
            String earlier = firstUse.putIfAbsent(name, field);
            if (earlier != null) {
                violations.add(new Violation(field, name + " is set twice (first at " + earlier + "); keep one"));
            }
        }
        for (int i = 0; i < spec.secrets().size(); i++) {
            SecretRef secret = spec.secrets().get(i);
            String field = "spec.secrets[" + i + "].name";
            String earlier = secret.name() == null ? null : firstUse.putIfAbsent(secret.name(), field);
            if (earlier != null) {
                violations.add(new Violation(field, secret.name() + " is set twice (first at " + earlier
                        + "); keep one"));
            }
            checkSecretArn("spec.secrets[" + i + "].valueFrom", secret.valueFrom(), settings.region(), violations);
        }
    }

    private static void checkSecretArn(String field, String valueFrom, String region, List<Violation> violations) {
        if (valueFrom == null) {
            return; // required: SchemaBounds says so
        }
        if (!SecretArns.valid(valueFrom)) {
            violations.add(new Violation(field, "\"" + valueFrom + "\" is not a secret ARN ECS reads; "
                    + SecretArns.FORMS));
            return;
        }
        Optional<String> appPartition = region == null ? Optional.empty() : SecretArns.partitionOf(region);
        String secretPartition = SecretArns.partition(valueFrom);
        if (appPartition.isPresent() && !appPartition.get().equals(secretPartition)) {
            violations.add(new Violation(field, "the secret is in the " + secretPartition + " partition but the app "
                    + "runs in " + region + " (" + appPartition.get() + "); ECS reads secrets of its own partition "
                    + "only: use an ARN starting with arn:" + appPartition.get() + ":"));
        }
    }

    private static void checkHealthCheck(ContainerHealthCheck check, List<Violation> violations) {
        if (check == null) {
            return;
        }
        if (check.command().isEmpty()) {
            return; // required, with at least two items: SchemaBounds says so
        }
        String first = check.command().get(0);
        if (!first.equals("CMD") && !first.equals("CMD-SHELL")) {
            violations.add(new Violation("spec.healthCheck.command[0]", "the command starts with \"" + first
                    + "\"; start it with CMD (then the program and its arguments) or CMD-SHELL (then one shell line)"));
        } else if (first.equals("CMD-SHELL") && check.command().size() != 2) {
            // Docker runs sh -c with the items: only the first is the script, the others become its $0, $1, ...
            violations.add(new Violation("spec.healthCheck.command", "CMD-SHELL takes one shell line, but "
                    + (check.command().size() - 1) + " follow it; join them into one string"));
        }
        if (check.timeoutSeconds() >= check.intervalSeconds()) {
            violations.add(new Violation("spec.healthCheck.timeoutSeconds", "timeoutSeconds (" + check.timeoutSeconds()
                    + ") must be less than intervalSeconds (" + check.intervalSeconds() + "); lower it or raise the "
                    + "interval"));
        }
    }

    private static void checkLoadBalancer(LoadBalancerSpec loadBalancer, ResolvedSettings settings,
            List<Violation> violations) {
        if (settings.listenerArn() == null) {
            violations.add(missing("spec.loadBalancer.listenerArn", "ALB listener"));
        } else if (settings.region() != null) {
            var region = LISTENER_REGION.matcher(settings.listenerArn());
            if (region.matches() && !region.group(1).equals(settings.region())) {
                violations.add(new Violation("spec.loadBalancer.listenerArn", "the listener is in " + region.group(1)
                        + " but the app runs in " + settings.region() + "; use a listener of a load balancer in "
                        + settings.region()));
            }
        }
        if (loadBalancer.pathPatterns().isEmpty() && loadBalancer.hosts().isEmpty()) {
            violations.add(new Violation("spec.loadBalancer", LoadBalancerSpec.NEEDS_PATHS_OR_HOSTS));
        }
        violations.addAll(ListenerRuleConditions.check(loadBalancer.pathPatterns(), loadBalancer.hosts()));
        TargetHealthCheck check = loadBalancer.healthCheck();
        if (check.timeoutSeconds() >= check.intervalSeconds()) {
            violations.add(new Violation("spec.loadBalancer.healthCheck.timeoutSeconds", "timeoutSeconds ("
                    + check.timeoutSeconds() + ") must be less than intervalSeconds (" + check.intervalSeconds()
                    + "); lower it or raise the interval"));
        }
    }

    /** The CRD's CEL rules on replicas and autoscaling. */
    private static void checkScaling(EcsAppSpec spec, List<Violation> violations) {
        AutoscalingSpec autoscaling = spec.autoscaling();
        if (autoscaling == null) {
            return;
        }
        if (spec.replicas() != null) {
            violations.add(new Violation("spec.replicas", EcsAppSpec.REPLICAS_OR_AUTOSCALING));
        }
        if (autoscaling.minReplicas() != null && autoscaling.maxReplicas() != null
                && autoscaling.minReplicas() > autoscaling.maxReplicas()) {
            violations.add(new Violation("spec.autoscaling.minReplicas", AutoscalingSpec.MIN_NOT_ABOVE_MAX));
        }
        if (autoscaling.targetCpuPercent() == null && autoscaling.targetMemoryPercent() == null
                && autoscaling.requestsPerTarget() == null) {
            violations.add(new Violation("spec.autoscaling", AutoscalingSpec.NEEDS_A_TARGET));
        }
        if (autoscaling.requestsPerTarget() != null && spec.loadBalancer() == null) {
            violations.add(new Violation("spec.autoscaling.requestsPerTarget",
                    EcsAppSpec.REQUESTS_PER_TARGET_NEED_A_LOAD_BALANCER));
        }
    }

    private static void checkLogRetention(EcsAppSpec spec, List<Violation> violations) {
        if (!EcsAppSpec.LOG_RETENTION_DAYS.contains(spec.logRetentionDays())) {
            violations.add(new Violation("spec.logRetentionDays", EcsAppSpec.LOG_RETENTION_DAYS_MESSAGE));
        }
    }

    private static void checkRollout(RolloutSpec rollout, List<Violation> violations) {
        if (rollout.rollback() && !rollout.circuitBreaker()) {
            violations.add(new Violation("spec.rollout.rollback", RolloutSpec.ROLLBACK_NEEDS_CIRCUIT_BREAKER));
        }
        if (rollout.maximumPercent() <= rollout.minimumHealthyPercent()) {
            violations.add(new Violation("spec.rollout.maximumPercent", "maximumPercent (" + rollout.maximumPercent()
                    + ") must exceed minimumHealthyPercent (" + rollout.minimumHealthyPercent() + "), or ECS can "
                    + "neither start a new task nor stop an old one; raise maximumPercent or lower "
                    + "minimumHealthyPercent"));
        }
    }

    private static void checkCapacityProviders(List<CapacityProviderItem> providers, List<Violation> violations) {
        for (int i = 1; i < providers.size(); i++) {
            if (providers.get(i).provider() != null && providers.get(i).provider() == providers.get(0).provider()) {
                violations.add(new Violation("spec.capacityProviders[" + i + "].provider", providers.get(i).provider()
                        + " is listed twice; list each capacity provider once"));
            }
        }
        if (providers.stream().filter(p -> p.base() > 0).count() > 1) {
            violations.add(new Violation("spec.capacityProviders", "more than one capacity provider has a base; "
                    + "ECS allows a base on one provider only"));
        }
        if (!providers.isEmpty() && providers.stream().allMatch(p -> p.weight() == 0)) {
            violations.add(new Violation("spec.capacityProviders", "every capacity provider has weight 0, so ECS "
                    + "places no task beyond the base; give at least one a weight of 1 or more"));
        }
    }
}
