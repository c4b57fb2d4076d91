package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.api.v1alpha1.Intent;
import dev.ecsapp.operator.api.v1alpha1.Unreadable;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
import dev.ecsapp.operator.aws.ReferenceCheck;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.SpecHash;
import dev.ecsapp.operator.events.EventReason;
import dev.ecsapp.operator.events.EventRecorder;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import dev.ecsapp.operator.status.ReconcileOutcome;
import dev.ecsapp.operator.status.StatusBuilder;
import dev.ecsapp.operator.status.StatusDiff;
import dev.ecsapp.operator.validation.EcsAppValidator;
import dev.ecsapp.operator.validation.Violation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The control loop of one EcsApp, in fixed phases: validate, desired state, converge (observe and act per AWS
 * resource kind), status (built in one place, patched only when it changed), reschedule (AWS has no watch: soon
 * while converging, rarely with jitter once Ready). No AWS SDK type appears here.
 */
@ControllerConfiguration(name = "ecsapp")
public final class EcsAppReconciler implements Reconciler<EcsApp>, Cleaner<EcsApp> {

    private static final Logger LOG = Logger.getLogger(EcsAppReconciler.class.getName());
    /** While ECS drains a deleted service, look again this often. */
    private static final Duration CLEANUP_POLL = Duration.ofSeconds(5);

    private final OperatorConfig config;
    private final AppResources aws;
    private final Convergence convergence;
    private final Cleanup cleanup;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final Random jitter;
    private final EcsAppValidator validator = new EcsAppValidator();
    /** Transient failures in a row, per app: each doubles the wait before the next try. */
    private final Map<String, Integer> transientStreaks = new ConcurrentHashMap<>();
    /** Terminal refusals in a row, per app: the slow look after each is twice as slow as the one before. */
    private final Map<String, Integer> terminalStreaks = new ConcurrentHashMap<>();
    /** Failed deletions in a row, per app, for the same backoff. */
    private final Map<String, Integer> deletionStreaks = new ConcurrentHashMap<>();

    EcsAppReconciler(OperatorConfig config, AppResources aws, EventRecorder events, OperatorMetrics metrics,
            Clock clock, Random jitter) {
        this.config = config;
        this.aws = aws;
        this.convergence = new Convergence(aws, config.listenerRules(), clock, config.keepTaskDefinitions());
        this.cleanup = new Cleanup(aws);
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** The batched check of Ready apps' services between their full reconciles; the apps gauge reads the cache. */
    @Override
    public List<EventSource<?, EcsApp>> prepareEventSources(EventSourceContext<EcsApp> context) {
        metrics.countAppsFrom(context.getPrimaryCache()::list);
        return List.of(new ReadyServiceCheck(context.getPrimaryCache(), aws.services(), config.defaults(),
                config.pollWhenReady()));
    }

    @Override
    public UpdateControl<EcsApp> reconcile(EcsApp app, Context<EcsApp> context) {
        long started = System.nanoTime();
        AppIdentity id = identity(app);
        long generation = generation(app);
        EcsAppStatus previous = app.getStatus();
        Attempt attempt;
        try {
            attempt = attempt(app, id, generation, previous, context);
        } catch (RuntimeException e) {
            // Whatever went wrong, the status says so for this generation: a stale Ready must never outlive an error.
            LOG.log(Level.WARNING, id.owner() + ": the reconcile failed unexpectedly", e);
            attempt = new Attempt(new ReconcileOutcome.UnexpectedError(describe(e)), taskDefinitionArn(previous),
                    previous == null ? null : previous.intent());
        }
        ReconcileOutcome outcome = attempt.outcome();
        EcsAppStatus next = new StatusBuilder(previous, generation, attempt.taskDefinitionArn(), clock.instant())
                .intent(attempt.inFlight()).build(outcome);
        recordTransitions(app, previous, next, outcome);
        metrics.reconciled(metricOutcome(outcome, next), Duration.ofNanos(System.nanoTime() - started));
        UpdateControl<EcsApp> control;
        if (StatusDiff.differs(previous, next)) {
            app.setStatus(next);
            control = UpdateControl.patchStatus(app);
        } else {
            control = UpdateControl.noUpdate();
        }
        Optional<Duration> after = nextLook(outcome, next, streak(transientStreaks, id,
                outcome instanceof ReconcileOutcome.TransientError
                        || outcome instanceof ReconcileOutcome.UnexpectedError),
                streak(terminalStreaks, id, outcome instanceof ReconcileOutcome.TerminalError));
        return after.map(d -> control.rescheduleAfter(d.toMillis())).orElse(control);
    }

    /** How one reconcile ended, the revision it left current, and the step in flight if one failed. */
    private record Attempt(ReconcileOutcome outcome, String taskDefinitionArn, Intent inFlight) {
    }

    /** Validate, desired state, converge: the phases that may fail, each failure sorted by kind. */
    private Attempt attempt(EcsApp app, AppIdentity id, long generation, EcsAppStatus previous,
            Context<EcsApp> context) {
        Intent inFlight = previous == null ? null : previous.intent();
        app.unreadableStatus().ifPresent(unreadable -> LOG.warning(id.owner() + ": the stored status cannot be read ("
                + unreadable + "); it is written anew"));
        // Also refuses a spec the model could not read (a wrong type, an unknown value or field): that app is skipped.
        List<Violation> violations = validator.validate(app, config.defaults());
        if (!violations.isEmpty()) {
            LOG.warning(id.owner() + ": the spec is invalid, nothing is deployed until it is fixed: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
            return new Attempt(new ReconcileOutcome.InvalidSpec(violations), taskDefinitionArn(previous), inFlight);
        }
        String specHash = SpecHash.of(app.getSpec(), config.defaults());
        if (inFlight != null) {
            LOG.info(id.owner() + ": the last reconcile announced " + inFlight.action() + " and did not finish; "
                    + (specHash.equals(inFlight.specHash()) ? "taking it up again (names, tags and client tokens "
                    + "find what it made)" : "the spec changed since, so the new one is converged instead"));
        }
        StatusIntentLog intents = new StatusIntentLog(context.getClient(), app, specHash, generation, inFlight);
        try {
            Convergence.Result result = convergence.converge(id, generation, specHash, isReady(previous),
                    DesiredState.of(id, app.getSpec(), config.defaults()), StatusBuilder.stoppedRevision(previous),
                    previous == null ? null : previous.resources(), intents);
            result.changes().forEach(change -> events.record(app, change.reason(), change.message()));
            ReconcileOutcome outcome = result.observation().<ReconcileOutcome>map(ReconcileOutcome.Ok::new)
                    .orElseGet(() -> new ReconcileOutcome.Waiting("the ECS service is starting", Optional.empty()));
            intents.clear(); // every step announced was taken
            return new Attempt(outcome, result.taskDefinitionArn(), null);
        } catch (AwsCallException e) {
            LOG.log(e.failure().kind() == AwsFailure.Kind.TERMINAL ? Level.WARNING : Level.INFO,
                    id.owner() + ": " + e.getMessage());
            ReconcileOutcome outcome = switch (e.failure().kind()) {
                case TERMINAL -> new ReconcileOutcome.TerminalError(conditionReason(e.failure()),
                        e.failure().conditionMessage(), Optional.empty());
                case WAITING -> new ReconcileOutcome.Waiting(e.failure().conditionMessage(), Optional.empty());
                case TRANSIENT, NOT_FOUND -> new ReconcileOutcome.TransientError(e.failure().conditionMessage());
            };
            return new Attempt(outcome, taskDefinitionArn(previous), intents.announced().orElse(inFlight));
        }
    }

    /** The condition's reason for a terminal failure: the operator's own refusals have theirs, AWS's are one kind. */
    private static String conditionReason(AwsFailure failure) {
        return switch (String.valueOf(failure.code())) {
            case Convergence.ALREADY_OWNED -> Conditions.REASON_ALREADY_OWNED;
            case "RuleOverlap" -> Conditions.REASON_RULE_OVERLAP;
            case "PriorityInUse" -> Conditions.REASON_PRIORITY_TAKEN;
            case "PriorityNotAllowed", "HostNotAllowed" -> Conditions.REASON_NOT_ALLOWED;
            case ReferenceCheck.INVALID_REFERENCE -> Conditions.REASON_INVALID_REFERENCE;
            default -> Conditions.REASON_AWS_REJECTED;
        };
    }

    /**
     * Failures in a row of this app, of the kind that backs off, this one included; zero (and forgotten) after any
     * other outcome.
     */
    private static int streak(Map<String, Integer> streaks, AppIdentity id, boolean failed) {
        if (failed) {
            return streaks.merge(id.owner(), 1, Integer::sum);
        }
        streaks.remove(id.owner());
        return 0;
    }

    /*
     * Deletion needs no valid spec: the Footprint looks where the status and whatever of the spec is readable say the
     * app's resources may be, and only what the owner tag says is the app's goes. A failure keeps the finalizer, says
     * so in the status (DeletionBlocked with AWS's error) and in an Event, and backs off like a reconcile.
     */
    @Override
    public DeleteControl cleanup(EcsApp app, Context<EcsApp> context) {
        AppIdentity id = identity(app);
        transientStreaks.remove(id.owner());
        terminalStreaks.remove(id.owner());
        convergence.forget(id);
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
            blocked = new ReconcileOutcome.DeletionBlocked(describe(e), true);
        }
        patchStatus(context, app, blocked);
        events.record(app, EventReason.DeletionBlocked, ((ReconcileOutcome.DeletionBlocked) blocked).message());
        Duration wait = retrying ? transientBackoff(CLEANUP_POLL, config.pollWhenReady(),
                streak(deletionStreaks, id, true)) : config.pollWhenReady();
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
    }

    /**
     * While the object is being deleted JOSDK patches no status, so the status of a deletion (under way, blocked) is
     * written here, with a merge patch of the status subresource, and only when it changed.
     */
    private void patchStatus(Context<EcsApp> context, EcsApp app, ReconcileOutcome outcome) {
        EcsAppStatus previous = app.getStatus();
        EcsAppStatus next = new StatusBuilder(previous, generation(app), taskDefinitionArn(previous), clock.instant())
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
            LOG.log(Level.INFO, identity(app).owner() + ": could not write the deletion's status: " + e.getMessage());
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

    private static AppIdentity identity(EcsApp app) {
        return new AppIdentity(app.getMetadata().getNamespace(), app.getMetadata().getName());
    }

    private static long generation(EcsApp app) {
        return app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
    }

    private static String taskDefinitionArn(EcsAppStatus status) {
        return status == null || status.resources() == null ? null : status.resources().taskDefinitionArn();
    }

    /** An exception as one line for a condition: its kind and message, never a stack trace. */
    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    /** Events for what a person wants in `kubectl describe`: the rollout's end, its failure, terminal errors. */
    private void recordTransitions(EcsApp app, EcsAppStatus previous, EcsAppStatus next, ReconcileOutcome outcome) {
        if (becameTrue(previous, next, Conditions.READY)) {
            events.record(app, EventReason.RolloutCompleted, "the app is Ready: " + message(next, Conditions.READY));
        }
        if (becameTrue(previous, next, Conditions.DEGRADED)) {
            EventReason reason;
            if (outcome instanceof ReconcileOutcome.InvalidSpec) {
                reason = EventReason.InvalidSpec;
            } else if (outcome instanceof ReconcileOutcome.TerminalError terminal) {
                reason = Conditions.REASON_ALREADY_OWNED.equals(terminal.reason()) ? EventReason.AlreadyOwned
                        : EventReason.AwsRejected;
            } else if (outcome instanceof ReconcileOutcome.UnexpectedError) {
                reason = EventReason.OperatorError;
            } else {
                boolean rolledBack = condition(next, Conditions.DEGRADED).map(Condition::reason)
                        .filter(Conditions.REASON_CIRCUIT_BREAKER_ROLLED_BACK::equals).isPresent();
                reason = rolledBack ? EventReason.RolledBack : EventReason.RolloutFailed;
            }
            events.record(app, reason, message(next, Conditions.DEGRADED));
        }
    }

    private static boolean isReady(EcsAppStatus status) {
        return status != null && Conditions.isTrue(status.conditions(), Conditions.READY);
    }

    private static boolean becameTrue(EcsAppStatus previous, EcsAppStatus next, String type) {
        boolean was = previous != null && Conditions.isTrue(previous.conditions(), type);
        return !was && Conditions.isTrue(next.conditions(), type);
    }

    private static Optional<Condition> condition(EcsAppStatus status, String type) {
        return status.conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private static String message(EcsAppStatus status, String type) {
        return condition(status, type).map(Condition::message).orElse("");
    }

    /**
     * Soon while anything is under way; once Ready, a full reconcile every full-resync (with jitter; the
     * {@link ReadyServiceCheck} looks at the service in between); not at all while the spec is invalid.
     */
    private Optional<Duration> nextLook(ReconcileOutcome outcome, EcsAppStatus next, int transientStreak,
            int terminalStreak) {
        if (outcome instanceof ReconcileOutcome.InvalidSpec) {
            return Optional.empty(); // only a spec change helps, and a spec change triggers a reconcile by itself
        }
        Duration base;
        boolean leftovers = next.resources() != null && !next.resources().toRetire().isEmpty();
        if (isReady(next) && !leftovers) {
            base = config.fullResync();
        } else if (outcome instanceof ReconcileOutcome.TerminalError) {
            // Refused: only a spec change (which triggers a reconcile by itself) or an outside fix (IAM, a resource
            // deleted by hand) helps, so look rarely, and more rarely each time, up to the full resync.
            base = transientBackoff(config.pollWhenReady(), config.fullResync(), terminalStreak);
        } else if (transientStreak > 0) {
            base = transientBackoff(config.pollWhileConverging(), config.pollWhenReady(), transientStreak);
        } else {
            base = config.pollWhileConverging();
        }
        long extra = (long) (base.toMillis() * config.pollJitter() * jitter.nextDouble());
        return Optional.of(base.plusMillis(extra));
    }

    /**
     * Throttling, 5xx and timeouts that outlived the SDK's own retries: wait twice as long after each one in a row,
     * from the converging poll up to the Ready poll, so that a struggling AWS endpoint sees fewer calls, not more.
     */
    static Duration transientBackoff(Duration first, Duration cap, int streak) {
        Duration wait = first.multipliedBy(1L << Math.min(streak - 1, 20));
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    private static OperatorMetrics.ReconcileOutcome metricOutcome(ReconcileOutcome outcome, EcsAppStatus next) {
        if (outcome instanceof ReconcileOutcome.InvalidSpec) {
            return OperatorMetrics.ReconcileOutcome.INVALID_SPEC;
        }
        if (outcome instanceof ReconcileOutcome.TerminalError) {
            return OperatorMetrics.ReconcileOutcome.TERMINAL_ERROR;
        }
        if (outcome instanceof ReconcileOutcome.TransientError
                || outcome instanceof ReconcileOutcome.UnexpectedError) {
            return OperatorMetrics.ReconcileOutcome.TRANSIENT_ERROR;
        }
        return isReady(next) ? OperatorMetrics.ReconcileOutcome.READY : OperatorMetrics.ReconcileOutcome.WAITING;
    }
}
