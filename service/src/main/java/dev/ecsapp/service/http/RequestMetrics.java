package dev.ecsapp.service.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts requests and their latency by route, method and status, as {@code http_server_requests_seconds}.
 *
 * <p>Every label is bounded: the route is the matched route, never the raw path (a scanner walking random URLs must
 * not create a series per URL; unknown paths share {@value #UNMATCHED}); methods outside the standard nine share
 * {@value #OTHER_METHOD}; statuses are 100 to 599.
 */
public final class RequestMetrics {

    static final String UNMATCHED = "UNMATCHED";
    static final String OTHER_METHOD = "OTHER";
    static final String METRIC = "http.server.requests";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT", OTHER_METHOD);
    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500;

    /** Fixed buckets instead of a percentile histogram: about a dozen series per route instead of seventy. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    };

    private final MeterRegistry registry;
    private final List<String> routes;
    private final Map<String, Integer> routeIndex = new HashMap<>();
    private final Map<String, Integer> methodIndex = new HashMap<>();
    /**
     * Timers by (route, method, status), created on first use. The registry's own look-up builds a key and searches a
     * map per call; an array slot keeps that allocation off the hot path.
     */
    private final AtomicReferenceArray<Timer> timers;

    public RequestMetrics(MeterRegistry registry, List<String> knownRoutes) {
        this.registry = registry;
        this.routes = new ArrayList<>(knownRoutes);
        this.routes.add(UNMATCHED);
        for (int i = 0; i < routes.size(); i++) {
            routeIndex.put(routes.get(i), i);
        }
        for (int i = 0; i < METHODS.size(); i++) {
            methodIndex.put(METHODS.get(i), i);
        }
        this.timers = new AtomicReferenceArray<>(routes.size() * METHODS.size() * STATUSES);
    }

    public void record(String path, String method, int status, long nanos) {
        int route = routeIndex.getOrDefault(path, routes.size() - 1);
        int verb = methodIndex.getOrDefault(method, METHODS.size() - 1);
        int code = Math.min(Math.max(status, FIRST_STATUS), FIRST_STATUS + STATUSES - 1) - FIRST_STATUS;
        int slot = (route * METHODS.size() + verb) * STATUSES + code;
        Timer timer = timers.get(slot);
        if (timer == null) {
            // Two threads may race here; the registry returns the same meter to both.
            timer = Timer.builder(METRIC)
                    .description("HTTP requests served, by route, method and status")
                    .tag("route", routes.get(route))
                    .tag("method", METHODS.get(verb))
                    .tag("status", Integer.toString(code + FIRST_STATUS))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            timers.set(slot, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The method as the metrics and the access log name it: one of the nine standard methods, or OTHER. */
    public static String methodLabel(String method) {
        return METHODS.contains(method) ? method : OTHER_METHOD;
    }
}
