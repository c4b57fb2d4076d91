package dev.ecsapp.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.ListenerRuleOverlaps.Kind;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps.OtherRule;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps.Overlap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerRuleOverlapsTest {

    private static final AppIdentity MINE = new AppIdentity("web", "mine");
    private static final AppIdentity THEIRS = new AppIdentity("team-b", "theirs");

    /** "host,host path,path": either part may be left out ("-" for no host). */
    private static RuleConditions rule(String hostAndPaths) {
        String[] parts = hostAndPaths.strip().split(" ");
        List<String> hosts = parts[0].equals("-") ? List.of() : List.of(parts[0].split(","));
        List<String> paths = parts.length < 2 ? List.of() : List.of(parts[1].split(","));
        return new RuleConditions(paths, hosts);
    }

    /** The priority the operator chooses for these conditions of this app on an otherwise empty listener. */
    private static int chosen(AppIdentity app, RuleConditions conditions, Set<Integer> taken) {
        return ((ListenerRulePriorities.Allocated) ListenerRulePriorities.allocate(OptionalInt.empty(),
                OptionalInt.empty(), taken, app, conditions)).priority();
    }

    /** Theirs made first with a chosen priority, then mine checked with the priority it would get. */
    private static Optional<Overlap> mineAfterTheirs(String mine, String theirs) {
        RuleConditions their = rule(theirs);
        int theirPriority = chosen(THEIRS, their, Set.of());
        RuleConditions my = rule(mine);
        return ListenerRuleOverlaps.find(my, chosen(MINE, my, Set.of(theirPriority)), true,
                List.of(new OtherRule(THEIRS.owner(), theirPriority, their)));
    }

    @ParameterizedTest(name = "{0} after {1}: {2} on {3}")
    @CsvSource(delimiter = '|', value = {
        "- /orders/*                       | - /orders/*                 | SAME     | spec.loadBalancer.pathPatterns[0]",
        "- /x/*,/orders/*                  | - /orders/*                 | SAME     | spec.loadBalancer.pathPatterns[1]",
        "- /orders/*                       | - /orders/**                | SAME     | spec.loadBalancer.pathPatterns[0]",
        "shop.example.com                  | SHOP.example.com            | SAME     | spec.loadBalancer.hosts[0]",
        "shop.example.com /*               | shop.example.com            | SAME     | spec.loadBalancer.pathPatterns[0]",
        "- /a/*                            | - /*/b                      | CROSSING | spec.loadBalancer.pathPatterns[0]",
        "- /*.css                          | - /static/*                 | CROSSING | spec.loadBalancer.pathPatterns[0]",
        "a.example.com,*.example.org /x/*  | shop.* /x/*                 | CROSSING | spec.loadBalancer.hosts[1]",
        "*.example.com /a/*                | shop.* /*                   | CROSSING | spec.loadBalancer.hosts[0]",
    })
    void overlapsThatSpecificityDoesNotDecideAreFoundNamingTheField(String mine, String theirs, Kind kind,
            String field) {
        assertThat(mineAfterTheirs(mine, theirs)).get().satisfies(overlap -> {
            assertThat(overlap.kind()).isEqualTo(kind);
            assertThat(overlap.field()).isEqualTo(field);
            assertThat(overlap.otherOwner()).isEqualTo("team-b/theirs");
            assertThat(overlap.message()).startsWith(field).contains("team-b/theirs");
        });
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
        // one lies within the other, and the bands put it first
        "- /hello/*                        | - /*",
        "- /*                              | - /hello/*",
        "- /orders,/orders/*               | - /*",
        "- /api/v1/*                       | - /api/*",
        "- /orders                         | - /orders*",
        "shop.example.com /*               | - /hello/*",
        "- /hello/*                        | shop.example.com /*",
        "shop.example.com                  | *.example.com",
        "*.team.example.com /*             | *.example.com /api/*",
        "api.example.com                   | - /*",
        "shop.example.com /a               | shop.example.com",
        // nothing in common
        "- /hello/*                        | - /orders/*",
        "- /orders                         | - /orders/*",
        "shop.example.com /*               | api.example.com /*",
        "*.example.com /*                  | *.example.org /*",
        "shop.example.com /*.css           | - /*.js",
    })
    void overlapsDecidedBySpecificityAndDisjointRulesPass(String mine, String theirs) {
        assertThat(mineAfterTheirs(mine, theirs)).isEmpty();
        assertThat(mineAfterTheirs(theirs, mine)).isEmpty();
    }

    @Test
    void aRuleThatCannotBeOrderedAsItsPathsAskIsMisordered() {
        // /a/b/* must come before their /a/*, but /* must come after it: one priority cannot do both.
        Optional<Overlap> overlap = mineAfterTheirs("- /*,/a/b/*", "- /a/*");

        assertThat(overlap).get().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.MISORDERED);
            assertThat(o.field()).isEqualTo("spec.loadBalancer.pathPatterns[1]");
            assertThat(o.mineFirst()).isTrue();
            assertThat(o.message()).contains("more specific than \"/a/*\"", "below " + o.otherPriority());
        });
    }

    @Test
    void twoNestedRulesOfOneBandAreCheckedByTheirPlaceInIt() {
        // The same band (literal prefix /a/, with *), the more specific one placed after the other.
        RuleConditions inner = rule("- /a/*b");
        RuleConditions outer = rule("- /a/*");
        assertThat(ListenerRuleSpecificity.band(inner)).isEqualTo(ListenerRuleSpecificity.band(outer));
        ListenerRulePriorities.Band band = ListenerRulePriorities.bandOf(inner);

        Optional<Overlap> misordered = ListenerRuleOverlaps.find(inner, band.first() + 5, true,
                List.of(new OtherRule(THEIRS.owner(), band.first() + 2, outer)));
        Optional<Overlap> ordered = ListenerRuleOverlaps.find(inner, band.first() + 1, true,
                List.of(new OtherRule(THEIRS.owner(), band.first() + 2, outer)));
        Optional<Overlap> theOuterAfter = ListenerRuleOverlaps.find(outer, band.first() + 1, true,
                List.of(new OtherRule(THEIRS.owner(), band.first() + 2, inner)));

        assertThat(misordered).get().extracting(Overlap::kind).isEqualTo(Kind.MISORDERED);
        assertThat(ordered).isEmpty();
        assertThat(theOuterAfter).get().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.MISORDERED);
            assertThat(o.mineFirst()).isFalse();
            assertThat(o.message()).contains("less specific", "above " + (band.first() + 2));
        });
    }

    @Test
    void anExplicitPriorityIsADeliberateOrderButNotALicenceForAmbiguity() {
        RuleConditions catchAll = rule("- /*");
        List<OtherRule> theirs = List.of(new OtherRule(THEIRS.owner(), chosen(THEIRS, rule("- /api/*"), Set.of()),
                rule("- /api/*")));

        assertThat(ListenerRuleOverlaps.find(catchAll, 5, false, theirs)).isEmpty();
        assertThat(ListenerRuleOverlaps.find(rule("- /api/*"), 5, false, theirs)).get().extracting(Overlap::kind)
                .isEqualTo(Kind.SAME);
    }

    @Test
    void aRuleOutsideItsBandIsLeftToTheCheckWhenItMoves() {
        // An older operator put their /* at 1500: it moves into its band on their next reconcile, checked then.
        List<OtherRule> theirs = List.of(new OtherRule(THEIRS.owner(), 1500, rule("- /*")));

        assertThat(ListenerRuleOverlaps.find(rule("- /api/*"), chosen(MINE, rule("- /api/*"), Set.of(1500)), true,
                theirs)).isEmpty();
    }

    @Test
    void rulesMadeOutsideTheOperatorAreLeftOut() {
        List<OtherRule> unowned = List.of(new OtherRule("", 10, rule("- /orders/*")));

        assertThat(ListenerRuleOverlaps.find(rule("- /orders/*"), 20_000, true, unowned)).isEmpty();
    }

    @Test
    void theFirstOverlapInPriorityOrderIsTheOneReported() {
        List<OtherRule> others = List.of(new OtherRule("b/late", 40_000, rule("- /orders/*")),
                new OtherRule("a/early", 30_000, rule("- /orders/*")));

        assertThat(ListenerRuleOverlaps.find(rule("- /orders/*"), 20_000, true, others)).get()
                .extracting(Overlap::otherOwner).isEqualTo("a/early");
    }
}
