package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the data plane measured, per target group and per minute, under CloudWatch's AWS/ApplicationELB names:
 * RequestCount, HTTPCode_Target_2XX/3XX/4XX/5XX_Count, HTTPCode_ELB_5XX_Count and TargetResponseTime (a sum of
 * seconds and a count, so Average and SampleCount both follow), and HealthyHostCount and UnHealthyHostCount (a
 * sample per health checker tick, so a minute's Average, Minimum and Maximum follow). Minutes are the given clock's,
 * the sandbox's simulated one in the sandbox, so that queries line up with the rest of the simulated account. Only
 * the last {@link #RETENTION} is kept.
 */
public final class TargetGroupMetrics {

    public static final Duration RETENTION = MetricStore.KEPT;

    public static final String NAMESPACE = "AWS/ApplicationELB";
    public static final String REQUEST_COUNT = "RequestCount";
    public static final String TARGET_2XX = "HTTPCode_Target_2XX_Count";
    public static final String TARGET_3XX = "HTTPCode_Target_3XX_Count";
    public static final String TARGET_4XX = "HTTPCode_Target_4XX_Count";
    public static final String TARGET_5XX = "HTTPCode_Target_5XX_Count";
    public static final String ELB_5XX = "HTTPCode_ELB_5XX_Count";
    public static final String TARGET_RESPONSE_TIME = "TargetResponseTime";
    public static final String HEALTHY_HOSTS = "HealthyHostCount";
    public static final String UNHEALTHY_HOSTS = "UnHealthyHostCount";

    /** One minute of one metric: the sum of the values and how many there were (for counts, sum = count). */
    public record Datapoint(Instant minute, double sum, long sampleCount) {
        public double average() {
            return sampleCount == 0 ? 0 : sum / sampleCount;
        }
    }

    private final Clock clock;
    private final MetricStore cloudWatch;

    public TargetGroupMetrics(Clock clock) {
        this(clock, new MetricStore());
    }

    /**
     * @param cloudWatch where the samples are kept, as CloudWatch's AWS/ApplicationELB namespace has them: what
     *                   this class's queries and CloudWatch's API read
     */
    public TargetGroupMetrics(Clock clock, MetricStore cloudWatch) {
        this.clock = clock;
        this.cloudWatch = cloudWatch;
    }

    /**
     * The per-minute datapoints of one metric of one target group whose minute starts in [from, to), oldest
     * first; minutes without data have no datapoint, as in CloudWatch.
     */
    public List<Datapoint> query(String targetGroupArn, String metric, Instant from, Instant to) {
        List<Datapoint> points = new ArrayList<>();
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        cloudWatch.aggregate(id(targetGroupArn, metric), start.isBefore(from) ? start.plusSeconds(60) : start, to,
                Duration.ofMinutes(1)).forEach(p -> points.add(new Datapoint(p.getKey(), p.getValue().sum(),
                p.getValue().count())));
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

    /**
     * How many of a group's targets are healthy and unhealthy now (targets registering, draining or unused count in
     * neither, as in ALB). CloudWatch has these two per (TargetGroup, LoadBalancer), not per TargetGroup alone.
     */
    void hostCounts(String targetGroupArn, String loadBalancerArn, int healthy, int unhealthy) {
        Instant minute = minute();
        Map<String, String> dimensions = Map.of("TargetGroup", targetGroupDimension(targetGroupArn),
                "LoadBalancer", loadBalancerDimension(loadBalancerArn));
        synchronized (this) {
            cloudWatch.record(MetricStore.MetricId.of(NAMESPACE, HEALTHY_HOSTS, dimensions), minute, healthy);
            cloudWatch.record(MetricStore.MetricId.of(NAMESPACE, UNHEALTHY_HOSTS, dimensions), minute, unhealthy);
        }
    }

    void clear() {
        cloudWatch.clear(NAMESPACE);
    }

    private void add(String targetGroupArn, String metric, Instant minute, double value) {
        cloudWatch.record(id(targetGroupArn, metric), minute, value);
    }

    private static MetricStore.MetricId id(String targetGroupArn, String metric) {
        return byTargetGroup(targetGroupDimension(targetGroupArn), metric);
    }

    /** A request metric of a target group, by its TargetGroup dimension ({@code targetgroup/name/id}). */
    public static MetricStore.MetricId byTargetGroup(String targetGroupDimension, String metric) {
        return MetricStore.MetricId.of(NAMESPACE, metric, Map.of("TargetGroup", targetGroupDimension));
    }

    /**
     * CloudWatch's TargetGroup dimension: the ARN's resource part, {@code targetgroup/name/id}. Only this
     * dimension set is published; CloudWatch also has (TargetGroup, LoadBalancer), which the sandbox does not.
     */
    static String targetGroupDimension(String targetGroupArn) {
        int at = targetGroupArn.indexOf(":targetgroup/");
        return at < 0 ? targetGroupArn : targetGroupArn.substring(at + 1);
    }

    /** CloudWatch's LoadBalancer dimension: the ARN's part after {@code loadbalancer/}, {@code app/name/id}. */
    static String loadBalancerDimension(String loadBalancerArn) {
        int at = loadBalancerArn.indexOf(":loadbalancer/");
        return at < 0 ? loadBalancerArn : loadBalancerArn.substring(at + 14);
    }

    private Instant minute() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }
}
