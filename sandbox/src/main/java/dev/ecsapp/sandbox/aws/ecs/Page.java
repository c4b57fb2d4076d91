package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list call: at most maxResults items from where nextToken points. Tokens are opaque to clients, as
 * AWS's are, and a token ECS did not make is refused the way ECS refuses it.
 */
record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> all, Integer maxResults, int limit, String token) {
        int size = maxResults == null ? limit : maxResults;
        if (size < 1 || size > limit) {
            throw new AwsException("InvalidParameterException", "maxResults must be between 1 and " + limit + ".");
        }
        int start = token == null ? 0 : decode(token);
        int end = Math.min(all.size(), start + size);
        String next = end < all.size() ? encode(end) : null;
        return new Page<>(all.subList(Math.min(start, all.size()), end), next);
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(("{\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(text.replaceAll("[^0-9]", ""));
        } catch (IllegalArgumentException e) {
            throw new AwsException("InvalidParameterException", "Invalid token " + token);
        }
    }
}
