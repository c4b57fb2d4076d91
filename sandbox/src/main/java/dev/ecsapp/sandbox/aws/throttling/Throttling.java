package dev.ecsapp.sandbox.aws.throttling;

import dev.ecsapp.awsfacts.ApiRates;
import dev.ecsapp.awsfacts.RateBuckets;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Per-action token buckets at AWS's documented rates for ECS and ELBv2 ({@link ApiRates}), on the sandbox's clock. A
 * call without tokens in every bucket it needs fails with the service's throttling error and takes no token. Other
 * services are not throttled here.
 */
public final class Throttling {

    private final Supplier<Instant> clock;
    private final RateBuckets buckets = new RateBuckets();
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
        Instant at = clock.get();
        long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        if (buckets.nanosUntilAllowed(signingName, action, now) > 0) {
            // ECS and ELBv2 name the same failure differently.
            throw new AwsException(signingName.equals("ecs") ? "ThrottlingException" : "Throttling", "Rate exceeded");
        }
        buckets.take(signingName, action, now);
    }
}
