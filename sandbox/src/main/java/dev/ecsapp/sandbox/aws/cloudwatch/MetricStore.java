package dev.ecsapp.sandbox.aws.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * CloudWatch's metrics, in memory: per metric (namespace, name, dimensions), one statistic set (sum, count, minimum,
 * maximum) a minute, CloudWatch's standard resolution. Only the last {@link #KEPT} are kept, so a sandbox left
 * running stays the same size. Writers (the load balancer's data plane, PutMetricData) may call from any thread.
 */
public final class MetricStore {

    /** How far back data points are kept (CloudWatch keeps one-minute points for 15 days). */
    public static final Duration KEPT = Duration.ofHours(3);

    /** One metric's identity; dimensions sorted by name, as CloudWatch compares them. */
    public record MetricId(String namespace, String name, SortedMap<String, String> dimensions) {
        public MetricId {
            dimensions = new TreeMap<>(dimensions);
        }

        public static MetricId of(String namespace, String name, Map<String, String> dimensions) {
            return new MetricId(namespace, name, new TreeMap<>(dimensions));
        }
    }

    /** One minute's statistic set. */
    public record Stats(double sum, long count, double minimum, double maximum) {
        Stats merge(Stats other) {
            return new Stats(sum + other.sum, count + other.count, Math.min(minimum, other.minimum),
                    Math.max(maximum, other.maximum));
        }

        double average() {
            return count == 0 ? 0 : sum / count;
        }
    }

    private final Map<MetricId, NavigableMap<Instant, Stats>> series = new ConcurrentHashMap<>();

    /** One sample (a count of 1 for RequestCount, a duration in seconds for TargetResponseTime...). */
    public void record(MetricId metric, Instant at, double value) {
        record(metric, at, value, 1);
    }

    /** {@code samples} samples of the same value at once (a count of N requests: value 1, samples N). */
    public void record(MetricId metric, Instant at, double value, long samples) {
        Instant minute = minute(at);
        NavigableMap<Instant, Stats> points = series.computeIfAbsent(metric, m -> new ConcurrentSkipListMap<>());
        points.merge(minute, new Stats(value * samples, samples, value, value), Stats::merge);
        points.headMap(minute.minus(KEPT)).clear();
    }

    /** Forgets one namespace's data (the data plane's, at a sandbox reset). */
    public void clear(String namespace) {
        series.keySet().removeIf(metric -> metric.namespace().equals(namespace));
    }

    /** The metrics that have data, optionally only of one namespace and name. */
    public List<MetricId> metrics(String namespace, String name) {
        return series.keySet().stream()
                .filter(m -> namespace == null || m.namespace().equals(namespace))
                .filter(m -> name == null || m.name().equals(name))
                .sorted(java.util.Comparator.comparing(MetricId::namespace).thenComparing(MetricId::name)
                        .thenComparing(m -> m.dimensions().toString()))
                .toList();
    }

    /**
     * One statistic set per period from start (inclusive) to end (exclusive), periods aligned on start, only the
     * periods with data, oldest first.
     */
    public List<Map.Entry<Instant, Stats>> aggregate(MetricId metric, Instant start, Instant end, Duration period) {
        NavigableMap<Instant, Stats> points = series.get(metric);
        List<Map.Entry<Instant, Stats>> out = new ArrayList<>();
        if (points == null) {
            return out;
        }
        TreeMap<Instant, Stats> byPeriod = new TreeMap<>();
        for (Map.Entry<Instant, Stats> point : points.subMap(start, true, end, false).entrySet()) {
            long index = Duration.between(start, point.getKey()).toSeconds() / period.toSeconds();
            byPeriod.merge(start.plusSeconds(index * period.toSeconds()), point.getValue(), Stats::merge);
        }
        out.addAll(byPeriod.entrySet());
        return out;
    }

    private static Instant minute(Instant at) {
        return Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond(), 60));
    }
}
