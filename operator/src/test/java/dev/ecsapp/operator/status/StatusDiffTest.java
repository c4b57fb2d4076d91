package dev.ecsapp.operator.status;

import static dev.ecsapp.operator.status.Rollouts.REV_8;
import static dev.ecsapp.operator.status.Rollouts.T0;
import static dev.ecsapp.operator.status.Rollouts.T1;
import static dev.ecsapp.operator.status.Rollouts.build;
import static dev.ecsapp.operator.status.Rollouts.completed;
import static dev.ecsapp.operator.status.Rollouts.deployment;
import static dev.ecsapp.operator.status.Rollouts.observed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StatusDiffTest {

    private static final EcsAppStatus READY = build(null, 3, REV_8, T0, observed(completed(REV_8, 2)).ok());

    private static EcsAppStatus withConditions(EcsAppStatus status, UnaryOperator<List<Condition>> change) {
        return new EcsAppStatus(status.observedGeneration(), change.apply(new ArrayList<>(status.conditions())),
                status.intent(), status.image(), status.repositoryUri(), status.resources(), status.desiredCount(),
                status.runningCount(), status.pendingCount(), status.rolloutState(), status.url());
    }

    @Test
    void rebuildingFromAnUnchangedObservationLaterNeedsNoPatch() {
        EcsAppStatus later = build(READY, 3, REV_8, T1, observed(completed(REV_8, 2)).ok());

        assertThat(StatusDiff.differs(READY, later)).isFalse();
        assertThat(later).isEqualTo(READY);
    }

    @Test
    void statusesThatDifferOnlyInTransitionTimesAreEqual() {
        EcsAppStatus otherTimes = withConditions(READY, conditions -> conditions.stream()
                .map(c -> new Condition(c.type(), c.status(), c.reason(), c.message(), "2020-01-01T00:00:00Z",
                        c.observedGeneration()))
                .toList());

        assertThat(StatusDiff.equalsIgnoringTimestamps(READY, otherTimes)).isTrue();
    }

    @Test
    void theOrderOfConditionsDoesNotMatter() {
        EcsAppStatus reversed = withConditions(READY, conditions -> {
            Collections.reverse(conditions);
            return conditions;
        });

        assertThat(StatusDiff.equalsIgnoringTimestamps(READY, reversed)).isTrue();
    }

    @Test
    void aChangedMessageIsADifference() {
        EcsAppStatus scaling = build(null, 3, REV_8, T0,
                observed(deployment(REV_8, RolloutState.COMPLETED, 4, 2, 2)).ok());
        EcsAppStatus scaledFurther = build(scaling, 3, REV_8, T1,
                observed(deployment(REV_8, RolloutState.COMPLETED, 4, 3, 1)).ok());

        assertThat(StatusDiff.differs(scaling, scaledFurther)).isTrue();
    }

    @Test
    void aChangedCountIsADifference() {
        EcsAppStatus moreTasks = new EcsAppStatus(READY.observedGeneration(), READY.conditions(), READY.intent(),
                READY.image(), READY.repositoryUri(), READY.resources(), 3, READY.runningCount(),
                READY.pendingCount(), READY.rolloutState(), READY.url());

        assertThat(StatusDiff.differs(READY, moreTasks)).isTrue();
    }

    @Test
    void anEcsAppWithoutStatusYetNeedsAPatch() {
        assertThat(StatusDiff.differs(null, READY)).isTrue();
    }
}
