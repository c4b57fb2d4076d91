package dev.ecsapp.sandbox.aws.throttling;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-action token buckets at AWS's documented rates for ECS and ELBv2, on the sandbox's clock.
 *
 * <p>ECS (Amazon ECS developer guide, "Request throttling"): each action or group of actions has its own bucket.
 * ELBv2 (Elastic Load Balancing API reference, "Throttling"): each action group has a bucket, and every call also
 * takes a token from one bucket shared by all ELBv2 calls of the account. A call without tokens fails with the
 * service's throttling error and takes no token. Other services are not throttled here.
 */
public final class Throttling {

    /** A group of actions sharing one bucket: burst capacity and sustained refill per second. */
    record Rate(String group, double burst, double perSecond, Set<String> actions) {
    }

    private static final List<Rate> ECS = List.of(
            new Rate("ecs:service-read", 100, 20, Set.of("DescribeServices", "ListServices", "ListServicesByNamespace")),
            new Rate("ecs:service-write", 50, 5, Set.of("CreateService", "UpdateService", "DeleteService")),
            new Rate("ecs:task-definition-write", 20, 1, Set.of("RegisterTaskDefinition", "DeregisterTaskDefinition",
                    "DeleteTaskDefinitions")),
            new Rate("ecs:task-definition-read", 50, 20, Set.of("DescribeTaskDefinition", "ListTaskDefinitions",
                    "ListTaskDefinitionFamilies")),
            new Rate("ecs:task-read", 100, 20, Set.of("DescribeTasks", "ListTasks")),
            new Rate("ecs:tagging", 20, 10, Set.of("TagResource", "UntagResource", "ListTagsForResource")),
            new Rate("ecs:cluster-read", 50, 20, Set.of("DescribeClusters", "ListClusters")));
    /** ECS actions not listed above: treated like cluster reads (the documented default family). */
    private static final Rate ECS_OTHER = new Rate("ecs:other", 50, 20, Set.of());

    private static final List<Rate> ELBV2 = List.of(
            new Rate("elbv2:describe", 40, 10, Set.of()), // every Describe* action, matched by prefix below
            new Rate("elbv2:targets", 20, 4, Set.of("RegisterTargets", "DeregisterTargets")));
    /** ELBv2 actions that change something (target groups, rules, listeners, tags, attributes). */
    private static final Rate ELBV2_WRITE = new Rate("elbv2:write", 20, 3, Set.of());
    private static final Rate ELBV2_ACCOUNT = new Rate("elbv2:account", 40, 10, Set.of());

    private final Supplier<Instant> clock;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private boolean enabled;

    public Throttling(Supplier<Instant> clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
        buckets.clear();
    }

    public void reset() {
        buckets.clear();
    }

    /**
     * Takes the tokens a call needs, or throws the service's throttling error.
     *
     * @param signingName the service ({@code ecs}, {@code elasticloadbalancing})
     */
    public void acquire(String signingName, String action) {
        if (!enabled) {
            return;
        }
        Instant now = clock.get();
        if (signingName.equals("ecs")) {
            TokenBucket bucket = bucket(ecsRate(action), now);
            if (!bucket.hasToken(now)) {
                throw new AwsException("ThrottlingException", "Rate exceeded");
            }
            bucket.take();
        } else if (signingName.equals("elasticloadbalancing")) {
            TokenBucket own = bucket(elbRate(action), now);
            TokenBucket account = bucket(ELBV2_ACCOUNT, now);
            if (!own.hasToken(now) || !account.hasToken(now)) {
                throw new AwsException("Throttling", "Rate exceeded");
            }
            own.take();
            account.take();
        }
    }

    static Rate ecsRate(String action) {
        for (Rate rate : ECS) {
            if (rate.actions().contains(action)) {
                return rate;
            }
        }
        return ECS_OTHER;
    }

    static Rate elbRate(String action) {
        if (action.startsWith("Describe")) {
            return ELBV2.get(0);
        }
        if (ELBV2.get(1).actions().contains(action)) {
            return ELBV2.get(1);
        }
        return ELBV2_WRITE;
    }

    private TokenBucket bucket(Rate rate, Instant now) {
        return buckets.computeIfAbsent(rate.group(), g -> new TokenBucket(rate.burst(), rate.perSecond(), now));
    }
}
