package dev.ecsapp.operator.aws;

/**
 * What a failed AWS call means for the reconcile, with AWS's own error code and message for the condition; a refusal
 * of the operator's own (a resource another app owns, a rule that overlaps) also names its condition reason.
 */
public record AwsFailure(Kind kind, String code, String message, String conditionReason) {

    /** A failure AWS answered: its condition reason is the generic one for its kind. */
    public AwsFailure(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    /** A terminal refusal the operator makes itself, before or instead of asking AWS, with its condition reason. */
    public static AwsFailure refusal(String code, String conditionReason, String message) {
        return new AwsFailure(Kind.TERMINAL, code, message, conditionReason);
    }

    /** The outcomes a reconcile tells apart; each asks for a different reaction. */
    public enum Kind {
        /** The spec (or the operator's settings) must change: report it in a condition and do not retry soon. */
        TERMINAL,
        /** Retry with backoff: throttling, AWS's own faults, the network. */
        TRANSIENT,
        /** Not an error: AWS is still busy with an earlier change; look again later. */
        WAITING,
        /** The resource does not exist; observe reads this as "absent". */
        NOT_FOUND
    }

    /** "code: message", as a condition shows it. */
    public String conditionMessage() {
        return message == null || message.isBlank() ? code : code + ": " + message;
    }
}
