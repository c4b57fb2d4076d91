package dev.ecsapp.operator.desired;

/** What a difference between desired and observed costs, cheapest first; a set of changes costs its dearest. */
public enum ChangeClass {
    /** Nothing to do. */
    NONE,
    /** A call on the existing resource (tags, settings AWS can change in place). */
    IN_PLACE,
    /** Task definitions are immutable: register a new revision and move the service to it. */
    NEW_REVISION,
    /** The resource cannot become what is desired: create a new one and delete the old. */
    REPLACE;

    public ChangeClass max(ChangeClass other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
