package dev.ecsapp.operator.status;

import dev.ecsapp.operator.api.v1alpha1.Conditions;

/** A condition's status, reason and message before it is stamped with a generation and a transition time. */
record ConditionDraft(String status, String reason, String message) {

    static ConditionDraft isTrue(String reason, String message) {
        return new ConditionDraft(Conditions.TRUE, reason, message);
    }

    static ConditionDraft isFalse(String reason, String message) {
        return new ConditionDraft(Conditions.FALSE, reason, message);
    }
}
