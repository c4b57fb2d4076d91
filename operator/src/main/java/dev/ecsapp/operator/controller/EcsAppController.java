package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.events.EventRecorder;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds the EcsApp reconciler from the operator's parts; the one way in from outside this package. */
public final class EcsAppController {

    private EcsAppController() {
    }

    public static EcsAppReconciler reconciler(OperatorConfig config, AwsClients aws, EventRecorder events,
            OperatorMetrics metrics, Clock clock) {
        // Jitter only spreads polls; it needs no repeatability, and each replica should differ.
        return new EcsAppReconciler(config, AppResources.of(aws, clock), events, metrics, clock, new SecureRandom());
    }
}
