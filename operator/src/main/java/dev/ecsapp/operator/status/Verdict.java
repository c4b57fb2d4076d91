package dev.ecsapp.operator.status;

/** The three conditions one reconcile decided on, not yet stamped. */
record Verdict(ConditionDraft ready, ConditionDraft progressing, ConditionDraft degraded) {
}
