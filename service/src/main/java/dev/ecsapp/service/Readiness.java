package dev.ecsapp.service;

/** Whether the service takes traffic: {@code GET /ready} answers 200 only while {@link State#SERVING}. */
public final class Readiness {

    /** The three phases of a process's life, in order; a process never goes back. */
    public enum State { STARTING, SERVING, DRAINING }

    private volatile State state = State.STARTING;

    public State state() {
        return state;
    }

    public boolean isServing() {
        return state == State.SERVING;
    }

    void serving() {
        if (state == State.STARTING) {
            state = State.SERVING;
        }
    }

    void draining() {
        state = State.DRAINING;
    }
}
