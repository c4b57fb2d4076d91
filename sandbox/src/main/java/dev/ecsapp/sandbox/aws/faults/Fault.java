package dev.ecsapp.sandbox.aws.faults;

/**
 * A fault to inject into calls of one action (or of every action of a service when action is "*").
 *
 * @param service   the signing name ({@code ecs}, {@code elasticloadbalancing}, ...)
 * @param action    the operation ({@code CreateService}) or {@code *}
 * @param errorCode the AWS error code to answer with, or null for latency only
 * @param status    the HTTP status of that error (400, 500, 503)
 * @param message   the error message
 * @param rate      the share of calls that fail, from 0 to 1
 * @param failNext  when above 0: fail exactly this many next calls instead of a rate
 * @param latencyMs delay added to each matching call, in real milliseconds
 */
public record Fault(String service, String action, String errorCode, int status, String message, double rate,
        int failNext, long latencyMs) {
}
