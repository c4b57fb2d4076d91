package dev.ecsapp.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransientBackoffTest {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration CAP = Duration.ofMinutes(1);

    @Test
    void eachTransientFailureInARowDoublesTheWait() {
        assertThat(EcsAppReconciler.transientBackoff(FIRST, CAP, 1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(EcsAppReconciler.transientBackoff(FIRST, CAP, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(EcsAppReconciler.transientBackoff(FIRST, CAP, 4)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theWaitStopsGrowingAtTheReadyPoll() {
        assertThat(EcsAppReconciler.transientBackoff(FIRST, CAP, 5)).isEqualTo(CAP);
        assertThat(EcsAppReconciler.transientBackoff(FIRST, CAP, 1000)).isEqualTo(CAP);
    }
}
