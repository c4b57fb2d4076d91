package dev.ecsapp.service.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts requests and their latency by route, method and status, as {@code http_server_requests_seconds}.
 *
 * <p>The route label is the matched route, never the raw path: a scanner walking random URLs must not create a new
 * time series per URL. Unknown paths share the label {@value #UNMATCHED}.
 */
public final class RequestMetrics {

    static final String UNMATCHED = "UNMATCHED";
    static final String METRIC = "http.server.requests";

    /** Fixed buckets instead of a percentile histogram: about a dozen series per route instead of seventy. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    };

    private final MeterRegistry registry;
    private final Set<String> knownRoutes;
    /** Timer look-up by name and tags is a map search with allocation; this cache keeps it off the hot path. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry, Set<String> knownRoutes) {
        this.registry = registry;
        this.knownRoutes = Set.copyOf(knownRoutes);
    }

    public void record(String path, String method, int status, long nanos) {
        String route = knownRoutes.contains(path) ? path : UNMATCHED;
        String key = route + ' ' + method + ' ' + status;
        timers.computeIfAbsent(key, k -> Timer.builder(METRIC)
                        .description("HTTP requests served, by route, method and status")
                        .tag("route", route)
                        .tag("method", method)
                        .tag("status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
