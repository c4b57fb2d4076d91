package dev.ecsapp.sandbox.aws.protocol;

/**
 * An error as AWS reports it: a code clients switch on ({@code ClusterNotFoundException}, {@code TargetGroupNotFound}),
 * a message, and the HTTP status. Operations throw it; the protocol codecs render it in the service's error shape.
 */
public class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public AwsException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** A client error (400): the usual case. */
    public AwsException(String code, String message) {
        this(code, message, 400);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** True for errors the caller caused (AWS's "Sender" fault type), false for the service's own (5xx). */
    public boolean senderFault() {
        return status < 500;
    }
}
