package dev.ecsapp.sandbox.aws;

/**
 * Where the lines of a locally running container go when its task definition names the awslogs driver: CloudWatch
 * Logs' group and stream. Called from the runtime's threads; an implementation hands the line over to the sandbox's
 * lock without making the caller wait for it.
 */
public interface ContainerLogs {

    ContainerLogs NONE = (group, stream, timestamp, message) -> {
    };

    void append(String group, String stream, long timestamp, String message);
}
