package dev.ecsapp.sandbox.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.aws.autoscaling.TargetTracking.Decision;
import dev.ecsapp.sandbox.aws.autoscaling.TargetTracking.Direction;
import dev.ecsapp.sandbox.aws.autoscaling.TargetTracking.Policy;
import dev.ecsapp.sandbox.aws.autoscaling.TargetTracking.Target;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Target tracking's arithmetic: proposals, range, cooldowns, several policies, scale-in vetoes. */
class TargetTrackingTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @ParameterizedTest(name = "{0} tasks at {1} for a target of {2} want {3}")
    @CsvSource({
        "2, 80, 50, 4",
        "2, 75, 50, 3",
        "4, 10, 50, 1",
        "3, 50, 50, 3",
        "10, 51, 50, 11",
        "1, 0, 50, 1",
    })
    void aPolicyProposesTheCapacityThatBringsTheMetricToItsTarget(int current, double metric, double target,
            int wanted) {
        assertThat(TargetTracking.proposal(current, metric, target, 1, 20)).isEqualTo(wanted);
    }

    @Test
    void aProposalStaysWithinTheMaximum() {
        assertThat(TargetTracking.proposal(4, 100, 10, 1, 6)).isEqualTo(6);
    }

    @Test
    void aProposalStaysWithinTheMinimum() {
        assertThat(TargetTracking.proposal(4, 1, 50, 2, 6)).isEqualTo(2);
    }

    @Test
    void aCapacityOutsideTheRangeMovesToTheNearestBound() {
        assertThat(TargetTracking.intoRange(1, 2, 5)).hasValue(2);
        assertThat(TargetTracking.intoRange(9, 2, 5)).hasValue(5);
        assertThat(TargetTracking.intoRange(3, 2, 5)).isEmpty();
    }

    @Test
    void aMetricAboveTheTargetScalesOut() {
        assertThat(TargetTracking.decide(target(2, null, null), List.of(cpu(80)), NOW))
                .contains(new Decision(4, Direction.OUT, "cpu"));
    }

    @Test
    void aPolicyWithoutDataDoesNothing() {
        assertThat(TargetTracking.decide(target(2, null, null), List.of(policy("cpu", OptionalDouble.empty(), false)),
                NOW)).isEmpty();
    }

    @Test
    void scaleOutWaitsForTheScaleOutCooldown() {
        Target recentlyScaledOut = target(4, NOW.minusSeconds(299), null);

        assertThat(TargetTracking.decide(recentlyScaledOut, List.of(cpu(80)), NOW)).isEmpty();
        assertThat(TargetTracking.decide(target(4, NOW.minusSeconds(300), null), List.of(cpu(80)), NOW))
                .contains(new Decision(7, Direction.OUT, "cpu"));
    }

    @Test
    void scaleInWaitsForTheScaleInCooldownButNotForTheScaleOutOne() {
        assertThat(TargetTracking.decide(target(4, NOW.minusSeconds(10), null), List.of(cpu(10)), NOW))
                .contains(new Decision(1, Direction.IN, "cpu"));
        assertThat(TargetTracking.decide(target(4, null, NOW.minusSeconds(10)), List.of(cpu(10)), NOW)).isEmpty();
    }

    @Test
    void theLargestScaleOutOfSeveralPoliciesWins() {
        Policy memory = policy("memory", OptionalDouble.of(150), false);

        assertThat(TargetTracking.decide(target(2, null, null), List.of(cpu(80), memory), NOW))
                .contains(new Decision(6, Direction.OUT, "memory"));
    }

    @Test
    void scaleInNeedsEveryPolicyToAgree() {
        Policy memoryAtTarget = policy("memory", OptionalDouble.of(50), false);

        assertThat(TargetTracking.decide(target(4, null, null), List.of(cpu(10), memoryAtTarget), NOW)).isEmpty();
    }

    @Test
    void severalPoliciesScaleInToTheLargestOfTheirProposals() {
        Policy memory = policy("memory", OptionalDouble.of(30), false);

        assertThat(TargetTracking.decide(target(4, null, null), List.of(cpu(10), memory), NOW))
                .contains(new Decision(3, Direction.IN, "memory"));
    }

    @Test
    void aPolicyWithScaleInDisabledNeverScalesIn() {
        assertThat(TargetTracking.decide(target(4, null, null), List.of(policy("cpu", OptionalDouble.of(10), true)),
                NOW)).isEmpty();
    }

    @Test
    void suspendedScaleOutLeavesTheCapacityAlone() {
        Target suspended = new Target(2, 1, 10, null, null, true, false);

        assertThat(TargetTracking.decide(suspended, List.of(cpu(80)), NOW)).isEmpty();
    }

    @Test
    void suspendedScaleInLeavesTheCapacityAlone() {
        Target suspended = new Target(4, 1, 10, null, null, false, true);

        assertThat(TargetTracking.decide(suspended, List.of(cpu(10)), NOW)).isEmpty();
    }

    private static Target target(int current, Instant lastScaleOut, Instant lastScaleIn) {
        return new Target(current, 1, 10, lastScaleOut, lastScaleIn, false, false);
    }

    private static Policy cpu(double value) {
        return policy("cpu", OptionalDouble.of(value), false);
    }

    private static Policy policy(String name, OptionalDouble metric, boolean disableScaleIn) {
        return new Policy(name, 50, metric, 300, 300, disableScaleIn);
    }
}
