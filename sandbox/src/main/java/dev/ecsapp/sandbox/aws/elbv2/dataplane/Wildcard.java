package dev.ecsapp.sandbox.aws.elbv2.dataplane;

/**
 * ALB's condition wildcards: {@code *} matches any run of characters (none included), {@code ?} exactly one; every
 * other character matches itself. Path patterns compare case-sensitively, host names and header values do not.
 */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        // Greedy matching with one backtrack point, the last '*' seen: linear enough for 128-character patterns.
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t),
                    ignoreCase))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
