package dev.ecsapp.sandbox.aws.throttling;

import java.time.Duration;
import java.time.Instant;

/** AWS's throttling algorithm: a bucket of {@code capacity} tokens (the burst), refilled at {@code refillPerSecond}. */
final class TokenBucket {

    private final double capacity;
    private final double refillPerSecond;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(double capacity, double refillPerSecond, Instant now) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    boolean hasToken(Instant now) {
        refill(now);
        return tokens >= 1;
    }

    void take() {
        tokens -= 1;
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * refillPerSecond);
            refilledAt = now;
        }
    }
}
