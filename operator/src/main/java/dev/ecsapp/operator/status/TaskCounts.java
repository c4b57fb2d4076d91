package dev.ecsapp.operator.status;

/** Tasks wanted, running and starting, for a service or one of its deployments. */
public record TaskCounts(int desired, int running, int pending) {

    public TaskCounts {
        if (desired < 0 || running < 0 || pending < 0) {
            throw new IllegalArgumentException("task counts cannot be negative: " + desired + "/" + running + "/"
                    + pending);
        }
    }

    public boolean runningAsDesired() {
        return running == desired;
    }
}
