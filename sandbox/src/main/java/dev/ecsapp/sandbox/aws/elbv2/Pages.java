package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ELBv2's Marker pagination: at most PageSize items (1 to 400) from where the marker points, and a NextMarker when
 * more remain. Markers are opaque to clients; here they encode the offset.
 */
final class Pages {

    static final int MAX_PAGE_SIZE = 400;
    private static final String PREFIX = "elbv2-page:";

    /** One page of items and the marker of the next, or null on the last page. */
    record Page<T>(List<T> items, String nextMarker) {
    }

    private Pages() {
    }

    static <T> Page<T> of(List<T> all, String marker, Integer pageSize) {
        Constraints.between(pageSize, 1, MAX_PAGE_SIZE, "pageSize");
        int size = pageSize == null ? MAX_PAGE_SIZE : pageSize;
        int from = marker == null ? 0 : offset(marker);
        if (from > all.size()) {
            throw invalid(marker);
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static int offset(String marker) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw invalid(marker);
            }
            return Integer.parseInt(decoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw invalid(marker);
        }
    }

    private static AwsException invalid(String marker) {
        return new AwsException("ValidationError", "Invalid marker '" + marker + "'");
    }
}
