package dev.ecsapp.awsfacts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets of {@link ApiRates} for one caller, made as actions first need them: the sandbox keeps one set per
 * account (and refuses a call without tokens), the operator one per client (and waits). Time in nanoseconds from the
 * caller's clock. Not thread-safe: callers hold their own lock.
 */
public final class RateBuckets {

    private final Map<String, TokenBucket> buckets = new HashMap<>();

    /** How long until every bucket the action takes from has a token: zero when the call may go now. */
    public long nanosUntilAllowed(String signingName, String action, long nowNanos) {
        return needed(signingName, action, nowNanos).stream().mapToLong(bucket -> bucket.nanosUntilToken(nowNanos))
                .max().orElse(0);
    }

    /** Takes a token from each bucket the action needs; call once {@link #nanosUntilAllowed} is zero. */
    public void take(String signingName, String action, long nowNanos) {
        needed(signingName, action, nowNanos).forEach(TokenBucket::take);
    }

    /** Every bucket full again. */
    public void clear() {
        buckets.clear();
    }

    private List<TokenBucket> needed(String signingName, String action, long nowNanos) {
        return ApiRates.bucketsFor(signingName, action).stream()
                .map(rate -> buckets.computeIfAbsent(rate.group(), group -> new TokenBucket(rate, nowNanos)))
                .toList();
    }
}
