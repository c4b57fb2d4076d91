package dev.ecsapp.operator.status;

/** How many of the target group's targets are in each state Elastic Load Balancing reports. */
public record TargetHealth(int healthy, int unhealthy, int initial, int draining) {

    public TargetHealth {
        if (healthy < 0 || unhealthy < 0 || initial < 0 || draining < 0) {
            throw new IllegalArgumentException("target counts cannot be negative");
        }
    }

    /** Draining targets count as not settled: old tasks still receive traffic until they finish. */
    public boolean allHealthy(int expected) {
        return unhealthy == 0 && initial == 0 && draining == 0 && healthy == expected;
    }

    @Override
    public String toString() {
        return healthy + " healthy, " + unhealthy + " unhealthy, " + initial + " initial, " + draining + " draining";
    }
}
