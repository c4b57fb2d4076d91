package dev.ecsapp.operator.controller;

/**
 * Where a reconcile announces a mutating AWS step before taking it. The reconciler records it in
 * {@code status.intent}, so that after a crash between the announcement and the end of the reconcile the status says
 * what was in flight, and a restarted operator sees whether it was for the spec still wanted. Taking the step twice
 * is harmless on its own (names, tags and client tokens find what the first try made); the intent is what lets a
 * person, and the next reconcile, know it happened.
 */
@FunctionalInterface
interface IntentLog {

    /** @param action the AWS action about to be called, e.g. RegisterTaskDefinition */
    void announce(String action);

    IntentLog NONE = action -> {
    };
}
