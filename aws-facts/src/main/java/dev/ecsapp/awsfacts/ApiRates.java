package dev.ecsapp.awsfacts;

import java.util.List;
import java.util.Set;

// Sources: Amazon ECS developer guide, "Request throttling for the Amazon ECS API"; Elastic Load Balancing API
// reference, "Throttling". The sandbox (throttling as AWS does) and the operator (staying under the same rates on
// its side) share this one table. Other services the operator calls (ECR, CloudWatch Logs, Application Auto
// Scaling) see a few calls per app and are left out.
/**
 * AWS's token buckets for ECS and ELBv2: which buckets a call takes a token from, each with its burst and its
 * sustained refill per second.
 */
public final class ApiRates {

    /** A group of actions sharing one bucket. */
    public record Rate(String group, double burst, double perSecond) {
    }

    private record Group(Rate rate, Set<String> actions) {
    }

    private static final List<Group> ECS = List.of(
            new Group(new Rate("ecs:service-read", 100, 20),
                    Set.of("DescribeServices", "ListServices", "ListServicesByNamespace")),
            new Group(new Rate("ecs:service-write", 50, 5), Set.of("CreateService", "UpdateService", "DeleteService")),
            new Group(new Rate("ecs:task-definition-write", 20, 1),
                    Set.of("RegisterTaskDefinition", "DeregisterTaskDefinition", "DeleteTaskDefinitions")),
            new Group(new Rate("ecs:task-definition-read", 50, 20),
                    Set.of("DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies")),
            new Group(new Rate("ecs:task-read", 100, 20), Set.of("DescribeTasks", "ListTasks")),
            new Group(new Rate("ecs:tagging", 20, 10), Set.of("TagResource", "UntagResource", "ListTagsForResource")),
            new Group(new Rate("ecs:cluster-read", 50, 20), Set.of("DescribeClusters", "ListClusters")));
    /** ECS actions not listed above: treated like cluster reads (the documented default family). */
    private static final Rate ECS_OTHER = new Rate("ecs:other", 50, 20);

    private static final Rate ELBV2_DESCRIBE = new Rate("elbv2:describe", 40, 10);
    private static final Group ELBV2_TARGETS = new Group(new Rate("elbv2:targets", 20, 4),
            Set.of("RegisterTargets", "DeregisterTargets"));
    /** ELBv2 actions that change something (target groups, rules, listeners, tags, attributes). */
    private static final Rate ELBV2_WRITE = new Rate("elbv2:write", 20, 3);
    /** Every ELBv2 call also takes a token from this bucket, shared by the whole account. */
    private static final Rate ELBV2_ACCOUNT = new Rate("elbv2:account", 40, 10);

    private ApiRates() {
    }

    /**
     * The buckets a call takes one token from each; empty for services without documented buckets here.
     *
     * @param signingName the service as SigV4 names it: {@code ecs}, {@code elasticloadbalancing}
     */
    public static List<Rate> bucketsFor(String signingName, String action) {
        if (signingName.equals("ecs")) {
            return List.of(ECS.stream().filter(g -> g.actions().contains(action)).map(Group::rate).findFirst()
                    .orElse(ECS_OTHER));
        }
        if (signingName.equals("elasticloadbalancing")) {
            Rate own;
            if (action.startsWith("Describe")) {
                own = ELBV2_DESCRIBE;
            } else if (ELBV2_TARGETS.actions().contains(action)) {
                own = ELBV2_TARGETS.rate();
            } else {
                own = ELBV2_WRITE;
            }
            return List.of(own, ELBV2_ACCOUNT);
        }
        return List.of();
    }
}
