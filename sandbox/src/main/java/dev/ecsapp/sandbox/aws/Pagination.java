package dev.ecsapp.sandbox.aws;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/** A listing cut into pages the way AWS hands them out, with an opaque token for the next page. */
public final class Pagination {

    /** One page and the token for the next, {@code null} when this is the last. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /** Base64 hides it: clients must treat tokens as opaque, as they must AWS's. */
    private static final String PREFIX = "sandbox-page:";

    private Pagination() {
    }

    /**
     * The page of {@code all} that {@code token} names (the first when {@code null}).
     *
     * @param invalidToken the service's error for a token it did not hand out
     */
    public static <T> Page<T> page(List<T> all, String token, int size, Supplier<AwsException> invalidToken) {
        int start = token == null ? 0 : offset(token, invalidToken);
        int from = Math.min(start, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? token(to) : null);
    }

    private static String token(int offset) {
        return Base64.getEncoder().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, Supplier<AwsException> invalidToken) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: the same answer as any other token this sandbox did not make.
        }
        throw invalidToken.get();
    }
}
