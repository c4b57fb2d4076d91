package dev.ecsapp.sandbox.aws.throttling;

import dev.ecsapp.awsfacts.ApiRates;
import dev.ecsapp.awsfacts.TokenBucket;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-action token buckets at AWS's documented rates for ECS and ELBv2 ({@link ApiRates}), on the sandbox's clock. A
 * call without tokens in every bucket it needs fails with the service's throttling error and takes no token. Other
 * services are not throttled here.
 */
public final class Throttling {

    private final Supplier<Instant> clock;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private boolean enabled;

    public Throttling(Supplier<Instant> clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
        buckets.clear();
    }

    public void reset() {
        buckets.clear();
    }

    /**
     * Takes the tokens a call needs, or throws the service's throttling error.
     *
     * @param signingName the service ({@code ecs}, {@code elasticloadbalancing})
     */
    public void acquire(String signingName, String action) {
        if (!enabled) {
            return;
        }
        List<ApiRates.Rate> rates = ApiRates.bucketsFor(signingName, action);
        if (rates.isEmpty()) {
            return;
        }
        Instant at = clock.get();
        long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        List<TokenBucket> needed = rates.stream().map(rate -> bucket(rate, now)).toList();
        if (!needed.stream().allMatch(bucket -> bucket.hasToken(now))) {
            // ECS and ELBv2 name the same failure differently.
            throw new AwsException(signingName.equals("ecs") ? "ThrottlingException" : "Throttling", "Rate exceeded");
        }
        needed.forEach(TokenBucket::take);
    }

    private TokenBucket bucket(ApiRates.Rate rate, long now) {
        return buckets.computeIfAbsent(rate.group(), g -> new TokenBucket(rate, now));
    }
}
