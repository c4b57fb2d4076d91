package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.ListenerRulePriorities.Allocated;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Allocation;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Band;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Exhausted;
import dev.ecsapp.operator.desired.ListenerRulePriorities.Taken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerRulePrioritiesTest {

    private static final AppIdentity APP = new AppIdentity("shop", "checkout");
    private static final OptionalInt NONE = OptionalInt.empty();
    private static final RuleConditions SHOP = paths("/shop/*");

    private static RuleConditions paths(String... paths) {
        return new RuleConditions(List.of(paths), List.of());
    }

    /** "host path,path": either part may be left out ("-" for no host). */
    private static RuleConditions rule(String hostAndPaths) {
        String[] parts = hostAndPaths.strip().split(" ");
        List<String> hosts = parts[0].equals("-") ? List.of() : List.of(parts[0].split(","));
        List<String> paths = parts.length < 2 ? List.of() : List.of(parts[1].split(","));
        return new RuleConditions(paths, hosts);
    }

    private static Allocation allocate(OptionalInt requested, OptionalInt current, Set<Integer> taken) {
        return ListenerRulePriorities.allocate(requested, current, taken, APP, SHOP);
    }

    private static int chosenFor(AppIdentity app, RuleConditions conditions, Set<Integer> taken) {
        return ((Allocated) ListenerRulePriorities.allocate(NONE, NONE, taken, app, conditions)).priority();
    }

    private static int chosen(RuleConditions conditions) {
        return chosenFor(APP, conditions, Set.of());
    }

    @ParameterizedTest(name = "{0} goes before {1}")
    @CsvSource(delimiter = '|', value = {
        // host first: exact, then wildcard (more dots first), then none, whatever the paths
        "shop.example.com /*              | *.example.com /shop/checkout/*",
        "shop.example.com                 | *.example.com",
        "*.team.example.com               | *.example.com",
        "shop?.example.com                | - /a/very/long/path/*",
        "*.example.com /*                 | - /hello/*",
        "shop.example.com /*              | - /hello/*",
        // then the literal part of the path before its first wildcard, longer first
        "- /orders/items/*                | - /orders/*",
        "- /hello/*                       | - /*",
        "- /api/v1/*                      | - /api/*",
        // a path without * (one length of value) before one with * and as long a literal prefix
        "- /orders                        | - /orders*",
        "- /a/b??                         | - /a/b*",
        // /* is last, and a rule with no path condition is /*
        "- /a*                            | - /*",
        "shop.example.com /a              | shop.example.com",
        // a rule's least specific path and host choose its band
        "- /orders/*                      | - /orders/items/*,/*",
        "shop.example.com /x/*            | shop.example.com,*.example.com /x/*",
    })
    void theMoreSpecificRuleGetsTheLowerPriority(String first, String second) {
        assertThat(ListenerRuleSpecificity.band(rule(first))).isLessThan(ListenerRuleSpecificity.band(rule(second)));
        assertThat(chosen(rule(first))).isLessThan(chosen(rule(second)));
    }

    @Test
    void theAppsOfOneListenerAreOrderedBySpecificityWhateverTheOrderTheyComeIn() {
        List<RuleConditions> mostSpecificFirst = List.of(rule("shop.example.com /checkout/*"),
                rule("shop.example.com"), rule("*.team.example.com /api/*"), rule("*.example.com"),
                rule("- /api/v1/orders/*"), rule("- /api/v1/*"), rule("- /api"), rule("- /api*"), rule("- /*"));
        for (int shift = 0; shift < mostSpecificFirst.size(); shift++) {
            Set<Integer> taken = new HashSet<>();
            int[] priorities = new int[mostSpecificFirst.size()];
            for (int k = 0; k < mostSpecificFirst.size(); k++) {
                int i = (k + shift) % mostSpecificFirst.size();
                priorities[i] = chosenFor(new AppIdentity("team", "app-" + i), mostSpecificFirst.get(i), taken);
                taken.add(priorities[i]);
            }
            assertThat(priorities).as("created from index %d on", shift).isSorted();
        }
    }

    @Test
    void aChosenPriorityDependsOnTheConditionsAndTheAppAloneSoARestartFindsTheSameOne() {
        assertThat(chosenFor(new AppIdentity("shop", "checkout"), paths("/b/*", "/a/*"), Set.of()))
                .isEqualTo(chosen(paths("/a/*", "/b/*")));
        assertThat(chosenFor(new AppIdentity("shop", "cart"), SHOP, Set.of())).isNotEqualTo(chosen(SHOP));
    }

    @Test
    void chosenPrioritiesLieInTheBandsAboveTheRangeLeftToExplicitPriorities() {
        Band first = ListenerRulePriorities.bandOf(rule("shop.example.com /a/very/long/literal/prefix/over/31/chars"));
        Band last = ListenerRulePriorities.bandOf(rule("- /*"));

        assertThat(first.first()).isEqualTo(ListenerRulePriorities.FIRST_CHOSEN);
        assertThat(last.last()).isLessThanOrEqualTo(ListenerRulePriorities.MAX);
        assertThat(ListenerRulePriorities.BAND_WIDTH).isGreaterThanOrEqualTo(100);
        assertThat(chosen(rule("- /*"))).isBetween(last.first(), last.last());
    }

    @Test
    void appsOfOneSpecificityStartAtDifferentPlacesInTheirBand() {
        Set<Integer> priorities = IntStream.range(0, 20).mapToObj(i -> chosenFor(new AppIdentity("team", "app-" + i),
                SHOP, Set.of())).collect(Collectors.toSet());

        assertThat(priorities).hasSizeGreaterThan(15);
        assertThat(priorities).allSatisfy(p -> assertThat(ListenerRulePriorities.bandOf(SHOP).contains(p)).isTrue());
    }

    @Test
    void aTakenPriorityIsSkippedToTheNextFreeOneInTheBand() {
        int first = chosen(SHOP);
        Band band = ListenerRulePriorities.bandOf(SHOP);
        int next = first == band.last() ? band.first() : first + 1;

        assertThat(chosenFor(APP, SHOP, Set.of(first))).isEqualTo(next);
    }

    @Test
    void theSearchWrapsAroundWithinTheBandNotIntoTheNextOne() {
        int first = chosen(SHOP);
        Band band = ListenerRulePriorities.bandOf(SHOP);
        Set<Integer> aboveAndAtFirst = IntStream.rangeClosed(first, band.last() + 5).boxed().collect(Collectors.toSet());

        assertThat(chosenFor(APP, SHOP, aboveAndAtFirst)).isEqualTo(band.first());
    }

    @Test
    void manyAppsOfOneSpecificityGetDistinctPrioritiesInTheirBand() {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < ListenerRulePriorities.BAND_WIDTH; i++) {
            int priority = chosenFor(new AppIdentity("team-" + i % 7, "app-" + i), SHOP, taken);
            assertThat(taken.add(priority)).as("priority %d given twice", priority).isTrue();
        }
        assertThat(taken).allSatisfy(p -> assertThat(ListenerRulePriorities.bandOf(SHOP).contains(p)).isTrue());
    }

    @Test
    void aFullBandIsReportedAsExhausted() {
        Band band = ListenerRulePriorities.bandOf(SHOP);
        Set<Integer> all = IntStream.rangeClosed(band.first(), band.last()).boxed().collect(Collectors.toSet());

        assertThat(allocate(NONE, NONE, all)).isEqualTo(new Exhausted(band));
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
    void aRuleWithinItsBandKeepsItsPriorityEvenWhereTheSearchWouldNowStartElsewhere() {
        Band band = ListenerRulePriorities.bandOf(SHOP);
        int elsewhere = chosen(SHOP) == band.last() ? band.first() : band.last();

        assertThat(allocate(NONE, OptionalInt.of(elsewhere), Set.of())).isEqualTo(new Allocated(elsewhere));
    }

    @Test
    void aRuleOutsideItsBandIsMovedIntoIt() {
        // Where the operator that hashed the app's name alone over 1000-50000 put it, or an explicit one given up.
        List<Integer> outside = new ArrayList<>(List.of(12_302, 5, ListenerRulePriorities.MAX));
        outside.add(ListenerRulePriorities.bandOf(SHOP).last() + 1);

        for (int current : outside) {
            assertThat(allocate(NONE, OptionalInt.of(current), Set.of())).as("from %d", current)
                    .isEqualTo(new Allocated(chosen(SHOP)));
        }
    }

    @Test
    void aCurrentPriorityNowHeldByAnotherRuleIsGivenUp() {
        int first = chosen(SHOP);
        Band band = ListenerRulePriorities.bandOf(SHOP);
        int other = first == band.last() ? band.first() : band.last();

        assertThat(allocate(NONE, OptionalInt.of(other), Set.of(other))).isEqualTo(new Allocated(first));
    }
}
