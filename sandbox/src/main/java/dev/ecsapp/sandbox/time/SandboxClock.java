package dev.ecsapp.sandbox.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sandbox's simulated time: wall time at start, then real elapsed time multiplied by a speed factor, plus jumps
 * made through the control API. Task start-ups, health checks, deregistration delays, rollouts and throttling
 * buckets all run on it, so a test can run a ten-minute rollout in seconds or step it deterministically.
 */
public final class SandboxClock extends Clock {

    private final Clock real;
    private Instant realAnchor;
    private Instant simulatedAnchor;
    private double speed;

    public SandboxClock(Clock real, double speed) {
        this.real = real;
        this.realAnchor = real.instant();
        this.simulatedAnchor = realAnchor;
        this.speed = checkSpeed(speed);
    }

    public static SandboxClock system(double speed) {
        return new SandboxClock(Clock.systemUTC(), speed);
    }

    @Override
    public synchronized Instant instant() {
        Duration realElapsed = Duration.between(realAnchor, real.instant());
        long simulatedNanos = (long) (realElapsed.toNanos() * speed);
        return simulatedAnchor.plusNanos(simulatedNanos);
    }

    /** Jumps simulated time forward (never back: AWS timestamps only grow). */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        Instant now = instant();
        realAnchor = real.instant();
        simulatedAnchor = now.plus(by);
    }

    /** Sets how many simulated seconds pass per real second from now on. */
    public synchronized void setSpeed(double newSpeed) {
        Instant now = instant();
        realAnchor = real.instant();
        simulatedAnchor = now;
        speed = checkSpeed(newSpeed);
    }

    public synchronized double speed() {
        return speed;
    }

    private static double checkSpeed(double speed) {
        if (!(speed >= 0 && speed <= 10_000)) {
            throw new IllegalArgumentException("speed must be from 0 (frozen) to 10000, not " + speed);
        }
        return speed;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC only");
    }
}
