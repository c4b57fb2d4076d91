package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.DesiredService;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** The paths in which an observed service differs from the desired one; each maps to a part of one UpdateService. */
public record ServiceChanges(SortedSet<String> paths) {

    public static final String TASK_DEFINITION = "taskDefinition";
    public static final String DESIRED_COUNT = "desiredCount";
    public static final String CAPACITY_PROVIDERS = "capacityProviders";
    public static final String NETWORK = "network";
    public static final String LOAD_BALANCER = "loadBalancer";
    public static final String GRACE_PERIOD = "healthCheckGracePeriodSeconds";
    public static final String DEPLOYMENT = "deployment";
    public static final String TAGS = "tags";

    public static ServiceChanges between(DesiredService desired, String taskDefinitionArn, ObservedService observed) {
        DesiredService seen = observed.shape();
        SortedSet<String> paths = new TreeSet<>();
        add(paths, TASK_DEFINITION, taskDefinitionArn, observed.taskDefinitionArn());
        // With autoscaling the desired count is Application Auto Scaling's: never compared, never written.
        if (desired.desiredCount() != null) {
            add(paths, DESIRED_COUNT, desired.desiredCount(), observed.desiredCount());
        }
        add(paths, CAPACITY_PROVIDERS, desired.capacityProviders(), seen.capacityProviders());
        add(paths, NETWORK, desired.network(), seen.network());
        add(paths, LOAD_BALANCER, desired.loadBalancer(), seen.loadBalancer());
        add(paths, GRACE_PERIOD, gracePeriod(desired), gracePeriod(seen));
        add(paths, DEPLOYMENT, desired.deployment(), seen.deployment());
        add(paths, TAGS, desired.tags(), TagChanges.withoutAwsTags(seen.tags()));
        return new ServiceChanges(paths);
    }

    // ECS stores 0 for a service with a load balancer and no grace period, and nothing for one without.
    private static Integer gracePeriod(DesiredService service) {
        if (service.loadBalancer() == null) {
            return null;
        }
        return service.healthCheckGracePeriodSeconds() == null ? 0 : service.healthCheckGracePeriodSeconds();
    }

    private static void add(SortedSet<String> paths, String path, Object desired, Object observed) {
        if (!Objects.equals(desired, observed)) {
            paths.add(path);
        }
    }

    public boolean none() {
        return paths.isEmpty();
    }

    public boolean contains(String path) {
        return paths.contains(path);
    }

    /** True when more than tags changed: the service itself needs an UpdateService call. */
    public boolean needsUpdateService() {
        return paths.stream().anyMatch(path -> !path.equals(TAGS));
    }
}
