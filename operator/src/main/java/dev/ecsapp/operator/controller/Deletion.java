package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.api.v1alpha1.Unreadable;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.events.EventReason;
import dev.ecsapp.operator.events.EventRecorder;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.operator.status.ReconcileOutcome;
import dev.ecsapp.operator.status.StatusBuilder;
import dev.ecsapp.operator.status.StatusDiff;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deleting an app, which needs no valid spec: the {@link Footprint} looks where the status and whatever of the spec
 * is readable say the app's resources may be, and only what the owner tag says is the app's goes. A failure keeps the
 * finalizer, says so in the status (DeletionBlocked with AWS's error) and in an Event, and backs off like a reconcile.
 */
final class Deletion {

    private static final Logger LOG = Logger.getLogger(Deletion.class.getName());
    /** While ECS drains a deleted service, look again this often. */
    private static final Duration CLEANUP_POLL = Duration.ofSeconds(5);

    private final OperatorConfig config;
    private final Cleanup cleanup;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    /** Failed deletions in a row, per app: each doubles the wait before the next try. */
    private final Map<String, Integer> deletionStreaks = new ConcurrentHashMap<>();

    Deletion(OperatorConfig config, Cleanup cleanup, EventRecorder events, OperatorMetrics metrics, Clock clock) {
        this.config = config;
        this.cleanup = cleanup;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    DeleteControl delete(EcsApp app, Context<EcsApp> context) {
        AppIdentity id = EcsAppReconciler.identity(app);
        Optional<DeletionPolicy> policy = deletionPolicy(app);
        if (policy.isEmpty()) {
            // The spec cannot be read, and its deletionPolicy with it: AWS is left as it is rather than guessed at,
            // and the object goes, so that its namespace can go too.
            String why = app.unreadableSpec().map(Unreadable::toString).orElse("there is none");
            LOG.warning(id.owner() + ": deleted with a deletionPolicy that cannot be read (" + why + "); its AWS "
                    + "resources, if any, were left as they are");
            events.record(app, EventReason.Deleted, "the deletionPolicy cannot be read (" + why + "), so the AWS "
                    + "resources, if any, were left as they are");
            return DeleteControl.defaultDelete();
        }
        if (policy.get() == DeletionPolicy.RETAIN) {
            events.record(app, EventReason.Deleted, "deletionPolicy Retain: the AWS resources were left as they are");
            deletionStreaks.remove(id.owner());
            return DeleteControl.defaultDelete();
        }
        ReconcileOutcome blocked;
        boolean retrying;
        try {
            Cleanup.Progress progress = cleanup.delete(id, Footprint.of(id, app.getSpec(), app.getStatus(),
                    config.defaults()));
            if (!progress.deleted().isEmpty()) {
                events.record(app, EventReason.Deleted, "deleted " + String.join(", ", progress.deleted()));
            }
            if (!progress.leftAlone().isEmpty()) {
                events.record(app, EventReason.LeftAlone, "not deleted, as the app does not own them: "
                        + String.join(", ", progress.leftAlone()));
            }
            deletionStreaks.remove(id.owner());
            if (progress.done()) {
                metrics.reconciled(OperatorMetrics.ReconcileOutcome.DELETED, Duration.ZERO);
                return DeleteControl.defaultDelete();
            }
            patchStatus(context, app, new ReconcileOutcome.Deleting());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_POLL.toMillis());
        } catch (AwsCallException e) {
            LOG.log(Level.WARNING, id.owner() + ": cleanup: " + e.getMessage());
            if (e.failure().kind() == AwsFailure.Kind.WAITING) {
                patchStatus(context, app, new ReconcileOutcome.Deleting());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_POLL.toMillis());
            }
            retrying = e.failure().kind() != AwsFailure.Kind.TERMINAL;
            blocked = new ReconcileOutcome.DeletionBlocked(e.failure().conditionMessage(), retrying);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id.owner() + ": cleanup failed unexpectedly", e);
            retrying = true;
            blocked = new ReconcileOutcome.DeletionBlocked(EcsAppReconciler.describe(e), true);
        }
        patchStatus(context, app, blocked);
        events.record(app, EventReason.DeletionBlocked, ((ReconcileOutcome.DeletionBlocked) blocked).message());
        Duration wait = retrying ? EcsAppReconciler.transientBackoff(CLEANUP_POLL, config.pollWhenReady(),
                EcsAppReconciler.streak(deletionStreaks, id, true)) : config.pollWhenReady();
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
    }

    /**
     * While the object is being deleted JOSDK patches no status, so the status of a deletion (under way, blocked) is
     * written here, with a merge patch of the status subresource, and only when it changed.
     */
    private void patchStatus(Context<EcsApp> context, EcsApp app, ReconcileOutcome outcome) {
        EcsAppStatus previous = app.getStatus();
        EcsAppStatus next = new StatusBuilder(previous, EcsAppReconciler.generation(app),
                EcsAppReconciler.taskDefinitionArn(previous), clock.instant())
                .build(outcome);
        if (!StatusDiff.differs(previous, next)) {
            return;
        }
        try {
            context.getClient().resources(EcsApp.class).inNamespace(app.getMetadata().getNamespace())
                    .withName(app.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", next)));
        } catch (KubernetesClientException e) {
            // The object may be gone already, or changed under us; the next look writes it again.
            LOG.log(Level.INFO, EcsAppReconciler.identity(app).owner() + ": could not write the deletion's status: "
                    + e.getMessage());
        }
    }

    /**
     * The app's deletionPolicy; for a spec the model cannot read, the one it says as written (Delete when it says
     * none, as the default is), and empty when that cannot be told either.
     */
    static Optional<DeletionPolicy> deletionPolicy(EcsApp app) {
        if (app.getSpec() != null) {
            return Optional.of(app.getSpec().deletionPolicy());
        }
        if (app.unreadableSpec().isEmpty()) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.JsonNode written = app.unreadableSpec().get().stored().path("deletionPolicy");
        if (written.isMissingNode() || written.isNull()) {
            return Optional.of(DeletionPolicy.DELETE);
        }
        return switch (written.isTextual() ? written.asText() : "") {
            case "Delete" -> Optional.of(DeletionPolicy.DELETE);
            case "Retain" -> Optional.of(DeletionPolicy.RETAIN);
            default -> Optional.empty();
        };
    }
}
