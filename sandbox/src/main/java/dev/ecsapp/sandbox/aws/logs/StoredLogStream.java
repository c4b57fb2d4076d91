package dev.ecsapp.sandbox.aws.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One log stream and its newest events. A stream keeps at most {@link #MAX_EVENTS}: a sandbox left running keeps
 * what a person reads back, not everything its tasks ever printed.
 */
final class StoredLogStream {

    static final int MAX_EVENTS = 10_000;

    /** One event: when it happened (by the writer's clock), when it was taken in, the message, its id. */
    record Event(long timestamp, long ingestionTime, String message, long sequence) {
    }

    final String name;
    final Instant createdAt;
    final Deque<Event> events = new ArrayDeque<>();
    /** Events ever taken in: a dropped old event keeps its number, so tokens and ids stay stable. */
    long taken;
    long storedBytes;
    Long firstEventTimestamp;
    Long lastEventTimestamp;
    Long lastIngestionTime;

    StoredLogStream(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    void add(long timestamp, long ingestionTime, String message) {
        events.addLast(new Event(timestamp, ingestionTime, message, taken++));
        storedBytes += message.length() + 26;
        if (events.size() > MAX_EVENTS) {
            Event dropped = events.removeFirst();
            storedBytes -= dropped.message().length() + 26;
        }
        if (firstEventTimestamp == null || timestamp < firstEventTimestamp) {
            firstEventTimestamp = timestamp;
        }
        if (lastEventTimestamp == null || timestamp > lastEventTimestamp) {
            lastEventTimestamp = timestamp;
        }
        lastIngestionTime = ingestionTime;
    }
}
