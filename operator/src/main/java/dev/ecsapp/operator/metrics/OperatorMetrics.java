package dev.ecsapp.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's Prometheus metrics: reconciles (count and duration by outcome), AWS calls (by service, operation and
 * outcome), apps by condition, and JVM basics. Every label has a bounded set of values.
 */
public final class OperatorMetrics {

    /** The outcomes a reconcile ends with; the label takes no other value. */
    public enum ReconcileOutcome { READY, WAITING, TRANSIENT_ERROR, TERMINAL_ERROR, INVALID_SPEC, DELETED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> appsByCondition = new ConcurrentHashMap<>();
    /** The EcsApps the apps gauge counts on each scrape; null until the controller names its cache. */
    private volatile Supplier<Stream<EcsApp>> apps;

    public OperatorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public void reconciled(ReconcileOutcome outcome, Duration took) {
        Timer.builder("ecsapp.reconciles")
                .description("Reconciles of EcsApp resources, by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .record(took);
    }

    /**
     * One AWS API call as the SDK finished it.
     *
     * @param outcome {@code ok}, or the AWS error code ({@code ThrottlingException}), or {@code client_error} for a
     *                failure with no AWS answer (a timeout, a refused connection)
     */
    public void awsCall(String service, String operation, String outcome) {
        Counter.builder("ecsapp.aws.calls")
                .description("AWS API calls made by the operator, by service, operation and outcome")
                .tag("service", service)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Sets how many apps have a condition in a status (Ready=True, Degraded=True, ...), for the apps gauge. */
    void appsWithCondition(String condition, String status, long count) {
        appsByCondition.computeIfAbsent(key(condition, status), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ecsapp.apps", value, AtomicLong::get)
                    .description("EcsApp resources by condition and status")
                    .tag("condition", condition)
                    .tag("status", status)
                    .register(registry);
            return value;
        }).set(count);
    }

    /**
     * Where the apps gauge counts from, the informer cache's EcsApps: read on each scrape, so the gauge is never
     * older than the cache and costs no AWS or API call.
     */
    public void countAppsFrom(Supplier<Stream<EcsApp>> apps) {
        this.apps = apps;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        refreshApps();
        return registry.scrape();
    }

    // Synchronized so that two scrapes at once do not set the gauges from two different counts.
    private synchronized void refreshApps() {
        Supplier<Stream<EcsApp>> source = apps;
        if (source == null) {
            return;
        }
        Set<String> counted = new HashSet<>();
        AppsByCondition.count(source.get()).forEach((condition, byStatus) -> byStatus.forEach((status, count) -> {
            appsWithCondition(condition, status, count);
            counted.add(key(condition, status));
        }));
        // A condition type or status no app has any more shows 0, not the last count it had.
        appsByCondition.forEach((key, value) -> {
            if (!counted.contains(key)) {
                value.set(0);
            }
        });
    }

    private static String key(String condition, String status) {
        return condition + "=" + status;
    }
}
