package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.elbv2.DataPlaneView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Which target group and which target take a request. A weighted forward picks a group at random in proportion to
 * the weights; within a group, round robin over the healthy targets. With none healthy, ALB fails open: it routes
 * to every registered target that is not draining. Draining targets take no new requests.
 */
final class TargetPicker {

    private final Map<String, AtomicInteger> nextByGroup = new ConcurrentHashMap<>();

    /** A group in proportion to the weights, or empty when every weight is 0. */
    static Optional<String> group(List<TargetGroupTuple> groups) {
        int total = groups.stream().mapToInt(g -> weight(g)).sum();
        if (total <= 0) {
            return Optional.empty();
        }
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (TargetGroupTuple group : groups) {
            pick -= weight(group);
            if (pick < 0) {
                return Optional.of(group.targetGroupArn());
            }
        }
        return Optional.empty(); // not reached: the picks add up to total
    }

    Optional<DataPlaneView.Target> target(String targetGroupArn, List<DataPlaneView.Target> registered) {
        List<DataPlaneView.Target> healthy = registered.stream()
                .filter(t -> t.state().equals(LoadBalancerTargets.HEALTHY)).toList();
        List<DataPlaneView.Target> candidates = healthy.isEmpty()
                ? registered.stream().filter(t -> !t.state().equals(LoadBalancerTargets.DRAINING)).toList()
                : healthy;
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int next = nextByGroup.computeIfAbsent(targetGroupArn, g -> new AtomicInteger()).getAndIncrement();
        return Optional.of(candidates.get(Math.floorMod(next, candidates.size())));
    }

    private static int weight(TargetGroupTuple group) {
        return group.weight() == null ? 1 : group.weight();
    }
}
