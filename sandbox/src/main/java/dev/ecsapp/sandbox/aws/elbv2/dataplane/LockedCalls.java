package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The data plane's reads and writes of the ELBv2 state, made holding the sandbox's lock on a worker thread. Event
 * loops never wait for the lock: CreateListener holds it while it waits for the new port to be bound, which needs an
 * event loop, so one stuck on the lock would stall it.
 */
final class LockedCalls {

    private final Vertx vertx;
    private final Object lock;

    LockedCalls(Vertx vertx, Object lock) {
        this.vertx = vertx;
        this.lock = lock;
    }

    <T> Future<T> call(Supplier<T> action) {
        return vertx.executeBlocking(() -> {
            synchronized (lock) {
                return action.get();
            }
        }, false);
    }
}
