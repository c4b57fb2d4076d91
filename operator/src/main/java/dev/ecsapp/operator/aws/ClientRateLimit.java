package dev.ecsapp.operator.aws;

import dev.ecsapp.awsfacts.ApiRates;
import dev.ecsapp.awsfacts.RateBuckets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps the operator's own calls within AWS's documented rates ({@link ApiRates}): before each HTTP attempt
 * (retries included) it takes a token from the same buckets AWS keeps, waiting for one when they are empty. Waiting
 * here is cheaper than being throttled: a throttled call costs a round trip and an SDK backoff, and a burst of them
 * across a hundred apps is the call storm users blame operators for. AWS's buckets are per account, so other callers
 * can still exhaust them; the SDK's retries and the reconciler's backoff handle that.
 *
 * <p>One instance per service, registered on that service's client; its buckets are shared by all reconciles.
 */
public final class ClientRateLimit implements ExecutionInterceptor {

    private final String signingName;
    private final LongSupplier nanoClock;
    private final RateBuckets buckets = new RateBuckets();
    private long waitedNanos;

    /** @param signingName the service as SigV4 names it: {@code ecs}, {@code elasticloadbalancing} */
    public ClientRateLimit(String signingName) {
        this(signingName, System::nanoTime);
    }

    ClientRateLimit(String signingName, LongSupplier nanoClock) {
        this.signingName = signingName;
        this.nanoClock = nanoClock;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation != null) {
            acquire(operation);
        }
    }

    /** Blocks until every bucket the action needs has a token, then takes them. */
    void acquire(String action) {
        while (true) {
            long wait;
            synchronized (this) {
                long now = nanoClock.getAsLong();
                wait = buckets.nanosUntilAllowed(signingName, action, now);
                if (wait == 0) {
                    buckets.take(signingName, action, now);
                    return;
                }
                waitedNanos += wait;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a " + signingName + " rate token", e);
            }
        }
    }

    /** Total time calls spent waiting for tokens: what the limit cost. */
    public synchronized long waitedNanos() {
        return waitedNanos;
    }
}
