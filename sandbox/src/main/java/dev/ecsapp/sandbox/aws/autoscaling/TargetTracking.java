package dev.ecsapp.sandbox.aws.autoscaling;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Target tracking's arithmetic for one scalable target at one evaluation, without clock or state. */
final class TargetTracking {

    /** ScaleOutCooldown and ScaleInCooldown when a policy leaves them out. */
    static final int DEFAULT_COOLDOWN_SECONDS = 300;

    /** Shaves floating-point noise off before rounding up, so that 2 x 75 / 50 is 3 tasks and not 4. */
    private static final double ROUNDING_SLACK = 1e-9;

    enum Direction { OUT, IN }

    /** One policy as an evaluation sees it; {@code metric} is empty when there is no data. */
    record Policy(String name, double targetValue, OptionalDouble metric, int scaleOutCooldownSeconds,
            int scaleInCooldownSeconds, boolean disableScaleIn) {
    }

    /** The target's capacity now and when it last scaled each way ({@code null}: never). */
    record Target(int current, int min, int max, Instant lastScaleOut, Instant lastScaleIn,
            boolean scaleOutSuspended, boolean scaleInSuspended) {
    }

    /** What to do: set the desired count, in this direction, because of this policy. */
    record Decision(int desired, Direction direction, String policyName) {
    }

    private record Proposal(Policy policy, int desired) {
    }

    private TargetTracking() {
    }

    /** One policy's wish: the capacity that brings the metric to its target, within [min, max]. */
    static int proposal(int current, double metric, double targetValue, int min, int max) {
        int wanted = (int) Math.ceil(current * metric / targetValue - ROUNDING_SLACK);
        return Math.max(min, Math.min(max, wanted));
    }

    /** The capacity inside [min, max] nearest to {@code current}, or empty when it is already inside. */
    static OptionalInt intoRange(int current, int min, int max) {
        if (current < min) {
            return OptionalInt.of(min);
        }
        return current > max ? OptionalInt.of(max) : OptionalInt.empty();
    }

    /**
     * Scale out when any policy out of its scale-out cooldown proposes more; scale in only when every policy that
     * may scale in proposes less, to the largest of their proposals
     * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
     */
    static Optional<Decision> decide(Target target, List<Policy> policies, Instant now) {
        List<Proposal> proposals = policies.stream().filter(p -> p.metric().isPresent())
                .map(p -> new Proposal(p, proposal(target.current(), p.metric().getAsDouble(), p.targetValue(),
                        target.min(), target.max())))
                .toList();
        if (!target.scaleOutSuspended()) {
            Optional<Proposal> out = proposals.stream()
                    .filter(p -> p.desired() > target.current())
                    .filter(p -> cooledDown(target.lastScaleOut(), p.policy().scaleOutCooldownSeconds(), now))
                    .max(Comparator.comparingInt(Proposal::desired));
            if (out.isPresent()) {
                return Optional.of(new Decision(out.get().desired(), Direction.OUT, out.get().policy().name()));
            }
        }
        List<Proposal> voters = proposals.stream().filter(p -> !p.policy().disableScaleIn()).toList();
        if (target.scaleInSuspended() || voters.isEmpty()
                || voters.stream().anyMatch(p -> p.desired() >= target.current())) {
            return Optional.empty();
        }
        Proposal in = voters.stream().max(Comparator.comparingInt(Proposal::desired)).orElseThrow();
        if (!cooledDown(target.lastScaleIn(), in.policy().scaleInCooldownSeconds(), now)) {
            return Optional.empty();
        }
        return Optional.of(new Decision(in.desired(), Direction.IN, in.policy().name()));
    }

    private static boolean cooledDown(Instant last, int cooldownSeconds, Instant now) {
        return last == null || !now.isBefore(last.plusSeconds(cooldownSeconds));
    }
}
