package dev.ecsapp.sandbox.aws.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch metrics over the query protocol (what the AWS CLI speaks to it): PutMetricData, ListMetrics,
 * GetMetricStatistics and GetMetricData with metric-stat queries, over the {@link MetricStore} the load balancer's
 * data plane writes its AWS/ApplicationELB metrics to. Math expressions in GetMetricData are refused. (The AWS SDK
 * for Java 2.x speaks CloudWatch's CBOR protocol, which the sandbox does not serve.)
 */
public final class CloudWatchApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.query("monitoring",
            "software.amazon.awssdk.services.cloudwatch.model", "http://monitoring.amazonaws.com/doc/2010-08-01/");
    private static final int MAX_DATAPOINTS = 1440;

    private final Scheduler scheduler;
    private final MetricStore store;

    public CloudWatchApi(Scheduler scheduler, MetricStore store) {
        this.scheduler = scheduler;
        this.store = store;
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    @Override
    public void reset() {
        // Metrics are history, not configuration: kept across a reset, as they are when resources go.
    }

    public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        if (request.namespace() == null || request.namespace().startsWith("AWS/")) {
            throw invalidParameter("The value " + request.namespace() + " for parameter Namespace is invalid.");
        }
        for (MetricDatum datum : request.metricData()) {
            Instant at = datum.timestamp() != null ? datum.timestamp() : scheduler.now();
            MetricStore.MetricId id = MetricStore.MetricId.of(request.namespace(), datum.metricName(),
                    dimensions(datum.dimensions()));
            if (datum.statisticValues() != null) {
                var values = datum.statisticValues();
                store.record(id, at, values.sum() / Math.max(1, values.sampleCount()),
                        Math.max(1, values.sampleCount().longValue()));
            } else if (datum.value() != null) {
                store.record(id, at, datum.value());
            }
        }
        return PutMetricDataResponse.builder().build();
    }

    public ListMetricsResponse listMetrics(ListMetricsRequest request) {
        List<Metric> metrics = new ArrayList<>();
        for (MetricStore.MetricId id : store.metrics(request.namespace(), request.metricName())) {
            boolean matches = request.dimensions().stream().allMatch(filter -> filter.value() == null
                    ? id.dimensions().containsKey(filter.name())
                    : filter.value().equals(id.dimensions().get(filter.name())));
            if (matches) {
                metrics.add(metric(id));
            }
        }
        return ListMetricsResponse.builder().metrics(metrics).build();
    }

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        Duration period = period(request.period());
        if (!request.hasStatistics() && !request.hasExtendedStatistics()) {
            throw new AwsException("MissingParameter", "Must specify either Statistics or ExtendedStatistics.");
        }
        if (request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty()) {
            throw invalidParameter("Extended statistics (percentiles) are not kept by the sandbox.");
        }
        checkRange(request.startTime(), request.endTime(), period);
        MetricStore.MetricId id = MetricStore.MetricId.of(request.namespace(), request.metricName(),
                dimensions(request.dimensions()));
        List<Datapoint> points = new ArrayList<>();
        for (Map.Entry<Instant, MetricStore.Stats> entry : store.aggregate(id, request.startTime(),
                request.endTime(), period)) {
            MetricStore.Stats stats = entry.getValue();
            Datapoint.Builder point = Datapoint.builder().timestamp(entry.getKey()).unit(unitOf(request.metricName()));
            for (Statistic statistic : request.statistics()) {
                switch (statistic) {
                    case SUM -> point.sum(stats.sum());
                    case SAMPLE_COUNT -> point.sampleCount((double) stats.count());
                    case AVERAGE -> point.average(stats.average());
                    case MINIMUM -> point.minimum(stats.minimum());
                    case MAXIMUM -> point.maximum(stats.maximum());
                    default -> throw invalidParameter("The parameter Statistics is invalid.");
                }
            }
            points.add(point.build());
        }
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(points).build();
    }

    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        if (!request.hasMetricDataQueries() || request.metricDataQueries().isEmpty()) {
            throw invalidParameter("The parameter MetricDataQueries is required.");
        }
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery query : request.metricDataQueries()) {
            if (query.expression() != null) {
                throw invalidParameter("Metric math expressions are not evaluated by the sandbox: "
                        + query.expression());
            }
            var stat = query.metricStat();
            Duration period = period(stat.period());
            checkRange(request.startTime(), request.endTime(), period);
            MetricStore.MetricId id = MetricStore.MetricId.of(stat.metric().namespace(), stat.metric().metricName(),
                    dimensions(stat.metric().dimensions()));
            List<Instant> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Map.Entry<Instant, MetricStore.Stats> entry : store.aggregate(id, request.startTime(),
                    request.endTime(), period)) {
                timestamps.add(entry.getKey());
                values.add(value(entry.getValue(), stat.stat()));
            }
            // Newest first, CloudWatch's default ScanBy (TimestampDescending).
            if (!"TimestampAscending".equals(request.scanByAsString())) {
                java.util.Collections.reverse(timestamps);
                java.util.Collections.reverse(values);
            }
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            results.add(MetricDataResult.builder().id(query.id()).label(query.label() != null ? query.label()
                    : stat.metric().metricName()).timestamps(timestamps).values(values)
                    .statusCode(StatusCode.COMPLETE).build());
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    @Override
    public JsonNode state(JsonCodec json) {
        ArrayNode list = json.mapper().createArrayNode();
        store.metrics(null, null).forEach(id -> list.add(json.toTree(metric(id))));
        return list;
    }

    private static double value(MetricStore.Stats stats, String stat) {
        return switch (stat) {
            case "Sum" -> stats.sum();
            case "SampleCount" -> stats.count();
            case "Average" -> stats.average();
            case "Minimum" -> stats.minimum();
            case "Maximum" -> stats.maximum();
            default -> throw invalidParameter("The statistic " + stat + " is not kept by the sandbox (Sum, "
                    + "SampleCount, Average, Minimum, Maximum are).");
        };
    }

    private static Metric metric(MetricStore.MetricId id) {
        List<Dimension> dimensions = id.dimensions().entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        return Metric.builder().namespace(id.namespace()).metricName(id.name()).dimensions(dimensions).build();
    }

    private static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        dimensions.forEach(d -> out.put(d.name(), d.value()));
        return out;
    }

    private static Duration period(Integer seconds) {
        if (seconds == null || seconds < 60 || seconds % 60 != 0) {
            throw invalidParameter("The parameter Period must be a multiple of 60 (the sandbox keeps one-minute "
                    + "data points).");
        }
        return Duration.ofSeconds(seconds);
    }

    private static void checkRange(Instant start, Instant end, Duration period) {
        if (start == null || end == null) {
            throw new AwsException("MissingParameter", "The parameters StartTime and EndTime are required.");
        }
        if (!start.isBefore(end)) {
            throw invalidParameter("The parameter StartTime must be less than the parameter EndTime.");
        }
        if (Duration.between(start, end).dividedBy(period) > MAX_DATAPOINTS) {
            throw invalidParameter("You have requested up to " + Duration.between(start, end).dividedBy(period)
                    + " datapoints, which exceeds the limit of " + MAX_DATAPOINTS + ".");
        }
    }

    /** The units AWS/ApplicationELB reports: seconds for response times, counts for the rest. */
    private static StandardUnit unitOf(String metricName) {
        return metricName.endsWith("ResponseTime") ? StandardUnit.SECONDS : StandardUnit.COUNT;
    }

    private static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterValue", message, 400);
    }
}
