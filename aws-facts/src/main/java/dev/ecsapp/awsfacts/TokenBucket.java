package dev.ecsapp.awsfacts;

/**
 * AWS's throttling algorithm: a bucket of {@code burst} tokens, refilled at {@code perSecond}; a call takes one. Time
 * is given by the caller in nanoseconds, so the sandbox runs it on its simulated clock and the operator on
 * {@link System#nanoTime()}. Not thread-safe: callers hold their own lock.
 */
public final class TokenBucket {

    private final double burst;
    private final double perSecond;
    private double tokens;
    private long refilledAtNanos;

    public TokenBucket(ApiRates.Rate rate, long nowNanos) {
        this.burst = rate.burst();
        this.perSecond = rate.perSecond();
        this.tokens = burst;
        this.refilledAtNanos = nowNanos;
    }

    public boolean hasToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1;
    }

    public void take() {
        tokens -= 1;
    }

    /** How long until a token is there: zero when one is. */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }

    private void refill(long nowNanos) {
        if (nowNanos > refilledAtNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - refilledAtNanos) / 1e9 * perSecond);
            refilledAtNanos = nowNanos;
        }
    }
}
