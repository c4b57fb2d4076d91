package dev.ecsapp.sandbox.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The "simple simulated metric" target tracking follows: a load level per service and metric, set through the
 * control API ({@code ECSServiceAverageCPUUtilization} at 80 makes a policy targeting 50 scale out). Unset means no
 * data, and target tracking then does nothing, as with a missing CloudWatch metric.
 */
public final class SimulatedMetrics {

    private final Map<String, Double> values = new HashMap<>();

    public void set(String resourceId, String metric, double value) {
        values.put(resourceId + " " + metric, value);
    }

    public OptionalDouble get(String resourceId, String metric) {
        Double value = values.get(resourceId + " " + metric);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public Map<String, Double> all() {
        return Map.copyOf(values);
    }

    public void clear() {
        values.clear();
    }
}
