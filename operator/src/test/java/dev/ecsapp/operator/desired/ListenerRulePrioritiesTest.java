package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.ListenerRulePriorities.Allocated;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Allocation;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Exhausted;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Taken;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListenerRulePrioritiesTest {

    private static final AppIdentity APP = new AppIdentity("shop", "checkout");
    private static final OptionalInt NONE = OptionalInt.empty();

    private static Allocation allocate(OptionalInt requested, OptionalInt current, Set<Integer> taken) {
        return ListenerRulePriorities.allocate(requested, current, taken, APP);
    }

    private static int chosenFor(AppIdentity app, Set<Integer> taken) {
        return ((Allocated) ListenerRulePriorities.allocate(NONE, NONE, taken, app)).priority();
    }

    @Test
    void aRequestedFreePriorityIsUsed() {
        assertThat(allocate(OptionalInt.of(120), NONE, Set.of(100, 200))).isEqualTo(new Allocated(120));
    }

    @Test
    void aRequestedPriorityHeldByAnotherRuleIsReportedAsTaken() {
        assertThat(allocate(OptionalInt.of(120), NONE, Set.of(120))).isEqualTo(new Taken(120));
    }

    @Test
    void aRequestedPriorityWinsOverTheCurrentOne() {
        assertThat(allocate(OptionalInt.of(120), OptionalInt.of(4000), Set.of())).isEqualTo(new Allocated(120));
    }

    @Test
    void withoutARequestTheRuleKeepsItsCurrentPriority() {
        assertThat(allocate(NONE, OptionalInt.of(4321), Set.of(1000, 1001))).isEqualTo(new Allocated(4321));
    }

    @Test
    void theSameAppGetsTheSamePriorityEveryTime() {
        assertThat(chosenFor(APP, Set.of())).isEqualTo(chosenFor(new AppIdentity("shop", "checkout"), Set.of()));
    }

    @Test
    void aChosenPriorityLiesAboveTheRangeLeftToExplicitPriorities() {
        assertThat(chosenFor(APP, Set.of())).isBetween(ListenerRulePriorities.FIRST_CHOSEN, ListenerRulePriorities.MAX);
    }

    @Test
    void aTakenPriorityIsSkippedToTheNextFreeOne() {
        int first = chosenFor(APP, Set.of());
        int next = first == ListenerRulePriorities.MAX ? ListenerRulePriorities.FIRST_CHOSEN : first + 1;

        assertThat(chosenFor(APP, Set.of(first))).isEqualTo(next);
    }

    @Test
    void theSearchWrapsAroundFromTheTopOfTheRange() {
        int first = chosenFor(APP, Set.of());
        Set<Integer> aboveAndAtFirst = IntStream.rangeClosed(first, ListenerRulePriorities.MAX).boxed()
                .collect(Collectors.toSet());

        assertThat(chosenFor(APP, aboveAndAtFirst)).isEqualTo(ListenerRulePriorities.FIRST_CHOSEN);
    }

    @Test
    void aCurrentPriorityNowHeldByAnotherRuleIsGivenUp() {
        int first = chosenFor(APP, Set.of());

        assertThat(allocate(NONE, OptionalInt.of(77), Set.of(77))).isEqualTo(new Allocated(first));
    }

    @Test
    void manyAppsOnOneListenerGetDistinctPriorities() {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int priority = chosenFor(new AppIdentity("team-" + i % 7, "app-" + i), taken);
            assertThat(taken.add(priority)).as("priority %d given twice", priority).isTrue();
        }
        assertThat(taken).hasSize(500);
    }

    @Test
    void aFullListenerIsReportedAsExhausted() {
        Set<Integer> all = IntStream.rangeClosed(ListenerRulePriorities.FIRST_CHOSEN, ListenerRulePriorities.MAX)
                .boxed().collect(Collectors.toSet());

        assertThat(allocate(NONE, NONE, all)).isEqualTo(new Exhausted());
    }
}
