package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the data plane measured, per target group and per minute, under CloudWatch's AWS/ApplicationELB names:
 * RequestCount, HTTPCode_Target_2XX/3XX/4XX/5XX_Count, HTTPCode_ELB_5XX_Count and TargetResponseTime (a sum of
 * seconds and a count, so Average and SampleCount both follow). Minutes are the given clock's, the sandbox's
 * simulated one in the sandbox, so that queries line up with the rest of the simulated account. Only the last
 * {@link #RETENTION} is kept.
 */
public final class TargetGroupMetrics {

    public static final Duration RETENTION = Duration.ofHours(3);

    public static final String NAMESPACE = "AWS/ApplicationELB";
    public static final String REQUEST_COUNT = "RequestCount";
    public static final String TARGET_2XX = "HTTPCode_Target_2XX_Count";
    public static final String TARGET_3XX = "HTTPCode_Target_3XX_Count";
    public static final String TARGET_4XX = "HTTPCode_Target_4XX_Count";
    public static final String TARGET_5XX = "HTTPCode_Target_5XX_Count";
    public static final String ELB_5XX = "HTTPCode_ELB_5XX_Count";
    public static final String TARGET_RESPONSE_TIME = "TargetResponseTime";

    /** One minute of one metric: the sum of the values and how many there were (for counts, sum = count). */
    public record Datapoint(Instant minute, double sum, long sampleCount) {
        public double average() {
            return sampleCount == 0 ? 0 : sum / sampleCount;
        }
    }

    private record Key(String targetGroupArn, String metric) {
    }

    private static final class Accumulator {
        private double sum;
        private long count;
    }

    private final Clock clock;
    private final MetricStore cloudWatch;
    private final Map<Key, NavigableMap<Instant, Accumulator>> series = new HashMap<>();

    public TargetGroupMetrics(Clock clock) {
        this(clock, new MetricStore());
    }

    /** @param cloudWatch where each sample is also published, as CloudWatch's AWS/ApplicationELB namespace has it */
    public TargetGroupMetrics(Clock clock, MetricStore cloudWatch) {
        this.clock = clock;
        this.cloudWatch = cloudWatch;
    }

    /**
     * The per-minute datapoints of one metric of one target group whose minute starts in [from, to), oldest
     * first; minutes without data have no datapoint, as in CloudWatch.
     */
    public synchronized List<Datapoint> query(String targetGroupArn, String metric, Instant from, Instant to) {
        NavigableMap<Instant, Accumulator> minutes = series.get(new Key(targetGroupArn, metric));
        List<Datapoint> points = new ArrayList<>();
        if (minutes != null) {
            minutes.subMap(from, true, to, false)
                    .forEach((minute, a) -> points.add(new Datapoint(minute, a.sum, a.count)));
        }
        return points;
    }

    /** A response from a target: the request, its status class and the time to its response headers. */
    void targetResponded(String targetGroupArn, int status, Duration responseTime) {
        Instant minute = minute();
        synchronized (this) {
            add(targetGroupArn, REQUEST_COUNT, minute, 1);
            String byClass = switch (status / 100) {
                case 2 -> TARGET_2XX;
                case 3 -> TARGET_3XX;
                case 4 -> TARGET_4XX;
                case 5 -> TARGET_5XX;
                default -> null;
            };
            if (byClass != null) {
                add(targetGroupArn, byClass, minute, 1);
            }
            add(targetGroupArn, TARGET_RESPONSE_TIME, minute, responseTime.toNanos() / 1e9);
        }
    }

    /** A 5XX the load balancer answered itself for a request bound for the group (no target, 502, 504). */
    void loadBalancerFailed(String targetGroupArn) {
        Instant minute = minute();
        synchronized (this) {
            add(targetGroupArn, REQUEST_COUNT, minute, 1);
            add(targetGroupArn, ELB_5XX, minute, 1);
        }
    }

    synchronized void clear() {
        series.clear();
    }

    private void add(String targetGroupArn, String metric, Instant minute, double value) {
        NavigableMap<Instant, Accumulator> minutes = series.computeIfAbsent(new Key(targetGroupArn, metric),
                k -> new TreeMap<>());
        Accumulator accumulator = minutes.computeIfAbsent(minute, m -> new Accumulator());
        accumulator.sum += value;
        accumulator.count++;
        cloudWatch.record(MetricStore.MetricId.of(NAMESPACE, metric, Map.of("TargetGroup",
                targetGroupDimension(targetGroupArn))), minute, value);
        // Bounded: a series never holds more than the retention's worth of minutes.
        minutes.headMap(minute.minus(RETENTION), false).clear();
    }

    /**
     * CloudWatch's TargetGroup dimension: the ARN's resource part, {@code targetgroup/name/id}. Only this
     * dimension set is published; CloudWatch also has (TargetGroup, LoadBalancer), which the sandbox does not.
     */
    static String targetGroupDimension(String targetGroupArn) {
        int at = targetGroupArn.indexOf(":targetgroup/");
        return at < 0 ? targetGroupArn : targetGroupArn.substring(at + 1);
    }

    private Instant minute() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }
}
