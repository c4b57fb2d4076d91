package dev.ecsapp.operator.desired;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

// ALB's wildcards: * is any run of characters (none too), ? exactly one. A pattern is a small automaton whose states
// are the positions in it, so whether two patterns share a match, or one's matches are all the other's, is a search
// over pairs of positions. Only the characters the two patterns spell out, and one character that neither does,
// behave differently from one another, so those are the only inputs the search tries.
/** What ALB's path-pattern and host-header values match, compared without a request: overlap and containment. */
public final class Wildcards {

    private Wildcards() {
    }

    /** True when some value matches both patterns. */
    public static boolean overlap(String a, String b) {
        if (!literalEndsAgree(a, b)) {
            return false;
        }
        char[] alphabet = alphabet(a, b);
        Deque<long[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        for (int i : closure(a, 0)) {
            for (int j : closure(b, 0)) {
                if (seen.add(pair(i, j))) {
                    queue.add(new long[] {i, j});
                }
            }
        }
        while (!queue.isEmpty()) {
            long[] state = queue.poll();
            int i = (int) state[0];
            int j = (int) state[1];
            if (i == a.length() && j == b.length()) {
                return true;
            }
            for (char c : alphabet) {
                for (int nextA : step(a, i, c)) {
                    for (int nextB : step(b, j, c)) {
                        if (seen.add(pair(nextA, nextB))) {
                            queue.add(new long[] {nextA, nextB});
                        }
                    }
                }
            }
        }
        return false;
    }

    /** True when every value {@code inner} matches, {@code outer} matches too. */
    public static boolean covers(String outer, String inner) {
        if (outer.equals(inner) || outer.equals("*")) {
            return true;
        }
        char[] alphabet = alphabet(outer, inner);
        // Each inner position paired with the set of outer positions the same input can reach: the outer pattern
        // made deterministic on the fly. An inner end reached where the outer set holds no end is a value only the
        // inner pattern matches.
        record State(int inner, BitSet outer) {
        }
        Deque<State> queue = new ArrayDeque<>();
        Set<State> seen = new HashSet<>();
        BitSet start = new BitSet();
        closure(outer, 0).forEach(start::set);
        for (int i : closure(inner, 0)) {
            State state = new State(i, start);
            if (seen.add(state)) {
                queue.add(state);
            }
        }
        while (!queue.isEmpty()) {
            State state = queue.poll();
            if (state.inner() == inner.length() && !state.outer().get(outer.length())) {
                return false;
            }
            for (char c : alphabet) {
                BitSet nextOuter = new BitSet();
                state.outer().stream().forEach(o -> step(outer, o, c).forEach(nextOuter::set));
                for (int nextInner : step(inner, state.inner(), c)) {
                    State next = new State(nextInner, nextOuter);
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        return true;
    }

    /** How many characters come before the first wildcard (all of them when there is none). */
    public static int literalPrefixLength(String pattern) {
        int i = 0;
        while (i < pattern.length() && !isWildcard(pattern.charAt(i))) {
            i++;
        }
        return i;
    }

    /** True when the pattern has a *, that is matches values of more than one length. */
    public static boolean hasStar(String pattern) {
        return pattern.indexOf('*') >= 0;
    }

    /** True when the pattern has no wildcard: it matches itself only. */
    public static boolean isExact(String pattern) {
        return pattern.chars().noneMatch(c -> isWildcard((char) c));
    }

    private static boolean isWildcard(char c) {
        return c == '*' || c == '?';
    }

    /** The cheap answer most pairs get: two literal prefixes (or suffixes) that differ rule out a shared value. */
    private static boolean literalEndsAgree(String a, String b) {
        int prefix = Math.min(literalPrefixLength(a), literalPrefixLength(b));
        if (!a.regionMatches(0, b, 0, prefix)) {
            return false;
        }
        int suffix = Math.min(literalSuffixLength(a), literalSuffixLength(b));
        return a.regionMatches(a.length() - suffix, b, b.length() - suffix, suffix);
    }

    private static int literalSuffixLength(String pattern) {
        int i = pattern.length();
        while (i > 0 && !isWildcard(pattern.charAt(i - 1))) {
            i--;
        }
        return pattern.length() - i;
    }

    /** Every character either pattern spells out, and one that neither does (what wildcards alone match). */
    private static char[] alphabet(String a, String b) {
        Set<Character> chars = new TreeSet<>();
        (a + b).chars().filter(c -> !isWildcard((char) c)).forEach(c -> chars.add((char) c));
        char other = 'x';
        while (chars.contains(other)) {
            other++;
        }
        chars.add(other);
        char[] alphabet = new char[chars.size()];
        int i = 0;
        for (char c : chars) {
            alphabet[i++] = c;
        }
        return alphabet;
    }

    /** The position itself and those a run of stars lets it skip to (a star may match nothing). */
    private static Set<Integer> closure(String pattern, int position) {
        Set<Integer> positions = new TreeSet<>();
        int i = position;
        positions.add(i);
        while (i < pattern.length() && pattern.charAt(i) == '*') {
            positions.add(++i);
        }
        return positions;
    }

    /** The positions reached from {@code position} by reading {@code c}, closed over stars. */
    private static Set<Integer> step(String pattern, int position, char c) {
        if (position == pattern.length()) {
            return Set.of();
        }
        char p = pattern.charAt(position);
        if (p == '*') {
            return closure(pattern, position); // the star takes the character and may take more
        }
        if (p == '?' || p == c) {
            return closure(pattern, position + 1);
        }
        return Set.of();
    }

    private static long pair(int i, int j) {
        return ((long) i << 32) | j;
    }
}
