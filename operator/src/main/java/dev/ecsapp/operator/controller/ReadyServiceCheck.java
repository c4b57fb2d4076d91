package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.aws.AwsCallException;
import dev.ecsapp.operator.aws.ObservedService;
import dev.ecsapp.operator.aws.ServiceAdapter;
import dev.ecsapp.operator.aws.ServiceChanges;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredService;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.validation.EcsAppValidator;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cheap resync of Ready apps. AWS has no watch, and a full reconcile reads every resource kind of an app (about
 * a dozen calls); most drift that matters, and every change of a running app (a task crashing, autoscaling, someone
 * editing the service), shows on the ECS service. So every {@code poll-ready} this reads the services of all Ready
 * apps, ten to a DescribeServices call, and reconciles at once only the apps whose service no longer matches their
 * desired state and status. The other resources (rule, target group, log group, scaling, repository) are read by
 * the full reconcile every {@code full-resync}.
 *
 * <p>It runs only while the controller runs, so under leader election only on the leader. Target health is left to
 * ECS: a task failing its load balancer health check is replaced, which changes the service's counts and shows here.
 */
final class ReadyServiceCheck extends AbstractEventSource<ObservedService, EcsApp> {

    private static final Logger LOG = Logger.getLogger(ReadyServiceCheck.class.getName());

    /** One app's service, where it is and what it should look like. */
    record Expected(ResourceID app, String cluster, String service, DesiredService desired,
            String taskDefinitionArn, EcsAppStatus status) {
    }

    /** What one round of checks did: services read, calls made, apps sent to a full reconcile. */
    record Round(int checked, int calls, List<ResourceID> reconciled) {
    }

    private final Cache<EcsApp> apps;
    private final ServiceAdapter services;
    private final OperatorDefaults defaults;
    private final Duration every;
    private final EcsAppValidator validator = new EcsAppValidator();
    private ScheduledExecutorService timer;

    ReadyServiceCheck(Cache<EcsApp> apps, ServiceAdapter services, OperatorDefaults defaults, Duration every) {
        super(ObservedService.class, "ready-service-check");
        this.apps = apps;
        this.services = services;
        this.defaults = defaults;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        super.start();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ready-service-check");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        super.stop();
    }

    @Override
    public Set<ObservedService> getSecondaryResources(EcsApp primary) {
        return Set.of(); // nothing is cached: this source only says "look again"
    }

    private void checkQuietly() {
        try {
            Round round = check();
            if (round.checked() > 0) {
                LOG.fine(() -> "ready-service check: " + round.checked() + " services in " + round.calls()
                        + " DescribeServices calls, reconciling " + round.reconciled());
            }
        } catch (AwsCallException e) {
            // The next round tries again; a full reconcile of each app still comes every full-resync.
            LOG.log(Level.INFO, "ready-service check failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ready-service check failed", e);
        }
    }

    /** One round: reads the services of every Ready app and reconciles those that moved. */
    Round check() {
        Map<String, List<Expected>> byCluster = new LinkedHashMap<>();
        apps.list().forEach(app -> expected(app).ifPresent(e -> byCluster.computeIfAbsent(e.cluster(),
                c -> new ArrayList<>()).add(e)));
        int checked = 0;
        int calls = 0;
        List<ResourceID> reconciled = new ArrayList<>();
        for (Map.Entry<String, List<Expected>> cluster : byCluster.entrySet()) {
            List<String> names = cluster.getValue().stream().map(Expected::service).toList();
            Map<String, ObservedService> observed = services.observeAll(cluster.getKey(), names);
            calls += ServiceAdapter.callsToDescribe(names.size());
            for (Expected expected : cluster.getValue()) {
                checked++;
                if (!matches(expected, Optional.ofNullable(observed.get(expected.service())))) {
                    reconciled.add(expected.app());
                    if (isRunning()) {
                        getEventHandler().handleEvent(new Event(expected.app()));
                    }
                }
            }
        }
        return new Round(checked, calls, reconciled);
    }

    /** Only apps whose last full reconcile found them Ready for their current spec; the rest poll on their own. */
    private Optional<Expected> expected(EcsApp app) {
        EcsAppStatus status = app.getStatus();
        if (app.getMetadata().getDeletionTimestamp() != null || status == null || status.resources() == null
                || status.resources().taskDefinitionArn() == null
                || !Objects.equals(status.observedGeneration(), app.getMetadata().getGeneration())
                || !Conditions.isTrue(status.conditions(), Conditions.READY)
                || !validator.validate(app, defaults).isEmpty()) {
            return Optional.empty();
        }
        AppIdentity id = new AppIdentity(app.getMetadata().getNamespace(), app.getMetadata().getName());
        DesiredService desired = DesiredState.of(id, app.getSpec(), defaults).service();
        return Optional.of(new Expected(ResourceID.fromResource(app), desired.cluster(), desired.name(), desired,
                status.resources().taskDefinitionArn(), status));
    }

    /**
     * The service is as the last reconcile left it: nothing to change (the same comparison the reconcile makes, so
     * autoscaling's desired count is no drift), its rollout done, and its counts those the status shows.
     */
    static boolean matches(Expected expected, Optional<ObservedService> observed) {
        if (observed.isEmpty() || observed.get().draining()) {
            return false;
        }
        ObservedService service = observed.get();
        return ServiceChanges.between(expected.desired(), expected.taskDefinitionArn(), service).none()
                && service.rolloutCompleted()
                && service.runningCount() == service.desiredCount()
                && Objects.equals(expected.status().desiredCount(), service.desiredCount())
                && Objects.equals(expected.status().runningCount(), service.runningCount());
    }
}
