package dev.ecsapp.sandbox.time;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Things the simulated AWS will do at a simulated instant (a task reaches RUNNING, a target turns healthy).
 *
 * <p>Not thread-safe on its own: the sandbox runs it under the same lock as the API calls, so that a call always
 * sees every event due before it.
 */
public final class Scheduler {

    private record Event(Instant at, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final SandboxClock clock;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long sequence;
    /** While an event runs: its own instant, so that what it records carries the time it was due, not a late tick. */
    private Instant running;

    public Scheduler(SandboxClock clock) {
        this.clock = clock;
    }

    public SandboxClock clock() {
        return clock;
    }

    /** Simulated now: the due time of the event being run, or the clock's time. */
    public Instant now() {
        return running != null ? running : clock.instant();
    }

    public void at(Instant when, Runnable action) {
        events.add(new Event(when, sequence++, action));
    }

    /** Runs every event due by now, in time order; events scheduled by them run too if they are also due. */
    public int runDue() {
        Instant now = clock.instant();
        int ran = 0;
        while (!events.isEmpty() && !events.peek().at().isAfter(now)) {
            Event event = events.poll();
            running = event.at();
            try {
                event.action().run();
            } finally {
                running = null;
            }
            ran++;
        }
        return ran;
    }

    public int pending() {
        return events.size();
    }

    public void clear() {
        events.clear();
    }
}
