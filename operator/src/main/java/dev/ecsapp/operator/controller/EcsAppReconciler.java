package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.api.v1alpha1.Intent;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.AwsFailure;
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

    private final OperatorConfig config;
    private final AppResources aws;
    private final Convergence convergence;
    private final Deletion deletion;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final Random jitter;
    private final EcsAppValidator validator = new EcsAppValidator();
    /** Transient failures in a row, per app: each doubles the wait before the next try. */
    private final Map<String, Integer> transientStreaks = new ConcurrentHashMap<>();
    /** Terminal refusals in a row, per app: the slow look after each is twice as slow as the one before. */
    private final Map<String, Integer> terminalStreaks = new ConcurrentHashMap<>();

    EcsAppReconciler(OperatorConfig config, AppResources aws, EventRecorder events, OperatorMetrics metrics,
            Clock clock, Random jitter) {
        this.config = config;
        this.aws = aws;
        this.convergence = new Convergence(aws, config.listenerRules(), clock, config.keepTaskDefinitions());
        this.deletion = new Deletion(config, new Cleanup(aws), events, metrics, clock);
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

    /** The condition's reason for a terminal failure: the operator's own refusals name theirs, AWS's are one kind. */
    private static String conditionReason(AwsFailure failure) {
        return failure.conditionReason() != null ? failure.conditionReason() : Conditions.REASON_AWS_REJECTED;
    }

    /**
     * Failures in a row of this app, of the kind that backs off, this one included; zero (and forgotten) after any
     * other outcome.
     */
    static int streak(Map<String, Integer> streaks, AppIdentity id, boolean failed) {
        if (failed) {
            return streaks.merge(id.owner(), 1, Integer::sum);
        }
        streaks.remove(id.owner());
        return 0;
    }

    /** Deletion needs no valid spec: see {@link Deletion}. */
    @Override
    public DeleteControl cleanup(EcsApp app, Context<EcsApp> context) {
        AppIdentity id = identity(app);
        transientStreaks.remove(id.owner());
        terminalStreaks.remove(id.owner());
        convergence.forget(id);
        return deletion.delete(app, context);
    }

    static AppIdentity identity(EcsApp app) {
        return new AppIdentity(app.getMetadata().getNamespace(), app.getMetadata().getName());
    }

    static long generation(EcsApp app) {
        return app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
    }

    static String taskDefinitionArn(EcsAppStatus status) {
        return status == null || status.resources() == null ? null : status.resources().taskDefinitionArn();
    }

    /** An exception as one line for a condition: its kind and message, never a stack trace. */
    static String describe(RuntimeException e) {
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
