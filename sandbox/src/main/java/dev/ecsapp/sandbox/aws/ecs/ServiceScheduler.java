package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.awsfacts.FargateSizes;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ContainerLogs;
import dev.ecsapp.sandbox.aws.ImageRegistry;
import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.SecretValues;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import dev.ecsapp.sandbox.runtime.LocalRuntime;
import dev.ecsapp.sandbox.runtime.TaskListener;
import dev.ecsapp.sandbox.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS's service scheduler, simulated: starts and stops a service's tasks so that its primary deployment reaches the
 * desired count within minimumHealthyPercent and maximumPercent, drains older deployments, registers tasks with
 * their target groups, trips the deployment circuit breaker and rolls back.
 *
 * <p>Every change queues a step; a step re-queues itself every {@link #STEP} while the service is not steady
 * (target health changes in ELBv2 are noticed that way, as ECS polls them).
 *
 * <p>With a {@link LocalRuntime} that can run a task's essential container's image, that container runs as a real
 * process when the simulated task would start it: its exit stops the task ("Essential container in task exited",
 * counted by the circuit breaker), its health check sets the task's health (UNHEALTHY replaces the task and counts
 * too), and a task ECS stops gets SIGTERM and is STOPPED once the process is gone. Every other task stays simulated.
 */
final class ServiceScheduler {

    /** How often a converging service is looked at again (simulated). */
    static final Duration STEP = Duration.ofSeconds(5);
    /** Fargate: capacity is found and the ENI attached. */
    static final Duration PROVISIONING = Duration.ofSeconds(5);
    /** Fargate: the image is pulled and the container started. */
    static final Duration PULL = Duration.ofSeconds(10);
    /** From SIGTERM to a stopped, deprovisioned task (the reference service exits at once). */
    static final Duration STOPPING = Duration.ofSeconds(5);
    /** STOPPED tasks stay describable for at least an hour, as ECS documents. */
    static final Duration KEEP_STOPPED = Duration.ofHours(1);
    /** How often (simulated) what local processes reported is applied to their tasks. */
    static final Duration LOCAL_POLL = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ServiceScheduler.class.getName());

    private final Account account;
    private final SecretValues secrets;
    private final ContainerLogs logs;
    private final Scheduler scheduler;
    private final Ec2Api network;
    private final ImageRegistry images;
    private final LoadBalancerTargets targets;
    private final EcsIds ids;
    private final Map<String, TaskRecord> tasks;
    private final Function<String, TaskDefinition> taskDefinitions;
    private final LocalRuntime runtime;
    /**
     * What local processes reported, from the runtime's threads: the scheduler is not thread-safe, so it is applied
     * by a scheduler event, under the sandbox's lock.
     */
    private final ConcurrentLinkedQueue<Runnable> localReports = new ConcurrentLinkedQueue<>();
    private final Set<TaskRecord> localTasks = new HashSet<>();
    private boolean localPollQueued;
    private int capacityProviderTurn;

    ServiceScheduler(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets, EcsIds ids, Map<String, TaskRecord> tasks,
            Function<String, TaskDefinition> taskDefinitions) {
        this(account, scheduler, network, images, targets, ids, tasks, taskDefinitions,
                LocalRuntime.disabled("Local tasks not enabled"));
    }

    ServiceScheduler(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets, EcsIds ids, Map<String, TaskRecord> tasks,
            Function<String, TaskDefinition> taskDefinitions, LocalRuntime runtime) {
        this(account, scheduler, network, images, targets, ids, tasks, taskDefinitions, runtime, SecretValues.NONE,
                ContainerLogs.NONE);
    }

    ServiceScheduler(Account account, Scheduler scheduler, Ec2Api network, ImageRegistry images,
            LoadBalancerTargets targets, EcsIds ids, Map<String, TaskRecord> tasks,
            Function<String, TaskDefinition> taskDefinitions, LocalRuntime runtime, SecretValues secrets,
            ContainerLogs logs) {
        this.runtime = runtime;
        this.secrets = secrets;
        this.logs = logs;
        this.account = account;
        this.scheduler = scheduler;
        this.network = network;
        this.images = images;
        this.targets = targets;
        this.ids = ids;
        this.tasks = tasks;
        this.taskDefinitions = taskDefinitions;
    }

    /** Queues a step for the service now (at most one queued at a time). */
    void queueStep(ServiceRecord service) {
        queueStep(service, scheduler.now());
    }

    private void queueStep(ServiceRecord service, Instant at) {
        if (!service.stepQueued) {
            service.stepQueued = true;
            scheduler.at(at, () -> {
                service.stepQueued = false;
                step(service);
            });
        }
    }

    /** The service's tasks not yet STOPPED (from its own list: a describe must not scan every task). */
    List<TaskRecord> tasksOf(ServiceRecord service) {
        return service.tasks.stream().filter(t -> !t.stopped()).toList();
    }

    private List<TaskRecord> tasksOf(ServiceRecord service, DeploymentRecord deployment) {
        return tasksOf(service).stream().filter(t -> t.deploymentId.equals(deployment.id)).toList();
    }

    /** Healthy: running, not being stopped, its targets healthy and its container health check passing. */
    boolean healthy(TaskRecord task) {
        if (!task.active() || !"RUNNING".equals(task.lastStatus)) {
            return false;
        }
        if (task.hasContainerHealthCheck() && !"HEALTHY".equals(task.healthStatus)) {
            return false;
        }
        return task.targets.stream().allMatch(ref -> targets.health(ref.targetGroupArn(), task.ip, ref.port())
                .map(LoadBalancerTargets.HEALTHY::equals).orElse(false));
    }

    void step(ServiceRecord service) {
        if (service.status.equals("INACTIVE")) {
            return;
        }
        if (service.status.equals("DRAINING")) {
            tasksOf(service).stream().filter(TaskRecord::active).forEach(t -> stopTask(service, t,
                    "ServiceSchedulerInitiated", "Service deletion initiated by user"));
            if (tasksOf(service).isEmpty()) {
                service.status = "INACTIVE";
                service.deployments.clear();
            } else {
                queueStep(service, scheduler.now().plus(STEP));
            }
            return;
        }
        DeploymentRecord primary = service.primary();
        int desired = service.desiredCount;
        primary.desiredCount = desired;
        int maxTotal = desired * service.maximumPercent() / 100;
        int minHealthy = (int) Math.ceil(desired * service.minimumHealthyPercent() / 100.0);

        boolean launching = !"FAILED".equals(primary.rolloutState);
        List<TaskRecord> primaryActive = tasksOf(service, primary).stream().filter(TaskRecord::active).toList();
        // Scale in the primary deployment: the least useful tasks go first.
        if (primaryActive.size() > desired) {
            primaryActive.stream().sorted(Comparator.comparing(this::healthy).thenComparing(t -> t.createdAt,
                    Comparator.reverseOrder())).limit(primaryActive.size() - desired)
                    .forEach(t -> stopTask(service, t, "ServiceSchedulerInitiated",
                            "Scaling activity initiated by (deployment " + primary.id + ")"));
        }
        // Launch towards the desired count, never above maximumPercent of it in all (draining tasks count too).
        if (launching) {
            int active = (int) tasksOf(service, primary).stream().filter(TaskRecord::active).count();
            int total = tasksOf(service).size();
            while (active < desired && total < Math.max(maxTotal, desired == 0 ? 0 : 1)) {
                launchTask(service, primary);
                active++;
                total++;
            }
        }
        // Drain older deployments, keeping at least minimumHealthyPercent healthy.
        long healthyCount = tasksOf(service).stream().filter(this::healthy).count();
        for (DeploymentRecord old : service.deployments.subList(1, service.deployments.size())) {
            List<TaskRecord> oldActive = tasksOf(service, old).stream().filter(TaskRecord::active)
                    .sorted(Comparator.comparing(this::healthy)).toList();
            for (TaskRecord task : oldActive) {
                boolean isHealthy = healthy(task);
                if (!isHealthy || healthyCount - 1 >= minHealthy) {
                    stopTask(service, task, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment "
                            + primary.id + ")");
                    if (isHealthy) {
                        healthyCount--;
                    }
                }
            }
            old.desiredCount = (int) tasksOf(service, old).stream().filter(TaskRecord::active).count();
        }
        // A drained older deployment leaves the list; a FAILED one stays (as ACTIVE, rolloutState FAILED) until the
        // rollback that replaced it completes, so that clients polling the service see the failure.
        service.deployments.removeIf(d -> d != primary && tasksOf(service, d).isEmpty()
                && !("FAILED".equals(d.rolloutState) && "IN_PROGRESS".equals(primary.rolloutState)));
        service.deployments.forEach(d -> d.updatedAt = scheduler.now());

        long primaryHealthy = tasksOf(service, primary).stream().filter(this::healthy).count();
        boolean steady = primaryHealthy == desired
                && tasksOf(service).stream().allMatch(t -> t.active() && t.deploymentId.equals(primary.id));
        if (steady && "IN_PROGRESS".equals(primary.rolloutState)) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            service.lastCompletedTaskDefinitionArn = primary.taskDefinitionArn;
            service.lastCompletedDeploymentId = primary.id;
            service.event(ids.eventId(), scheduler.now(), "(deployment " + primary.id + ") deployment completed.");
        }
        if (steady && !service.steadyReported) {
            service.steadyReported = true;
            service.event(ids.eventId(), scheduler.now(), "has reached a steady state.");
        }
        if (steady) {
            service.deployments.removeIf(d -> d != primary);
        } else {
            service.steadyReported = false;
            queueStep(service, scheduler.now().plus(STEP));
        }
    }

    private void launchTask(ServiceRecord service, DeploymentRecord deployment) {
        TaskDefinition definition = taskDefinitions.apply(deployment.taskDefinitionArn);
        List<String> subnets = deployment.network.awsvpcConfiguration().subnets();
        String subnetId = subnets.get(tasks.size() % subnets.size());
        Subnet subnet = network.subnet(subnetId).orElseThrow();
        String id = ids.taskId();
        TaskRecord task = new TaskRecord(account.arn("ecs", "task/" + service.clusterName + "/" + id), id,
                service.clusterArn, service.name, deployment.id, definition, network.allocateAddress(subnetId),
                subnetId, subnet.availabilityZone(), capacityProvider(deployment), scheduler.now());
        tasks.put(task.arn, task);
        service.tasks.add(task);
        service.event(ids.eventId(), scheduler.now(), "has started 1 tasks: (task " + id + ").");
        scheduler.at(scheduler.now().plus(PROVISIONING), () -> pull(service, deployment, task));
    }

    private void pull(ServiceRecord service, DeploymentRecord deployment, TaskRecord task) {
        if (!task.active()) {
            return;
        }
        task.lastStatus = "PENDING";
        task.pullStartedAt = scheduler.now();
        scheduler.at(scheduler.now().plus(PULL), () -> start(service, deployment, task));
    }

    private void start(ServiceRecord service, DeploymentRecord deployment, TaskRecord task) {
        if (!task.active()) {
            return;
        }
        Optional<String> failure = task.definition.containerDefinitions().stream()
                .map(c -> images.pullFailure(c.image())).flatMap(Optional::stream).findFirst();
        Map<String, String> resolvedSecrets = new LinkedHashMap<>();
        if (failure.isEmpty()) {
            failure = resolveLocalSecrets(task, resolvedSecrets);
        }
        task.pullStoppedAt = scheduler.now();
        if (failure.isPresent()) {
            task.containerFailure = failure.get();
            task.desiredStatus = "STOPPED";
            finishStopping(service, task, "TaskFailedToStart", failure.get());
            deployment.failedTasks++;
            service.event(ids.eventId(), scheduler.now(), "(task " + task.id + ") failed to start: " + failure.get());
            tripCircuitBreakerIfDue(service, deployment);
            queueStep(service);
            return;
        }
        startLocally(service, task, resolvedSecrets);
        task.lastStatus = "RUNNING";
        task.startedAt = scheduler.now();
        for (LoadBalancer lb : service.loadBalancers) {
            task.targets.add(new TaskRecord.TargetRef(lb.targetGroupArn(), lb.containerPort()));
            targets.register(lb.targetGroupArn(), task.ip, lb.containerPort());
        }
        if (!service.loadBalancers.isEmpty()) {
            service.event(ids.eventId(), scheduler.now(), "registered 1 targets in (target-group "
                    + service.loadBalancers.get(0).targetGroupArn() + ")");
        }
        if (task.hasContainerHealthCheck() && task.local == null) {
            scheduler.at(scheduler.now().plus(containerHealthDelay(task.definition)), () -> {
                if (task.active()) {
                    task.healthStatus = "HEALTHY";
                }
            });
        }
        queueStep(service);
    }

    /**
     * Starts the task's essential container as a local process if the runtime can run its image; a task it cannot
     * start (no image, no command, an address in use) stays simulated.
     */
    private void startLocally(ServiceRecord service, TaskRecord task, Map<String, String> resolvedSecrets) {
        Optional<ContainerDefinition> essential = localContainer(task);
        if (essential.isEmpty()) {
            return;
        }
        Optional<LogDestination> logDestination = LogDestination.of(essential.get(), task.id);
        TaskListener listener = new TaskListener() {
            @Override
            public void output(String line, Stream stream, Instant at) {
                logDestination.ifPresent(d -> logs.append(d.group(), d.stream(), at.toEpochMilli(), line));
            }

            @Override
            public void health(Health status) {
                report(() -> localHealth(service, task, status));
            }

            @Override
            public void outOfMemory() {
                // ECS's words for a container the kernel killed at its memory limit.
                report(() -> task.containerFailure = "OutOfMemoryError: Container killed due to memory usage");
            }

            @Override
            public void exited(int exitCode, boolean stoppedByRuntime) {
                report(() -> localExit(service, task, exitCode));
            }
        };
        try {
            // ECS's limit for the container: its hard limit, else the task's memory (all a Fargate task has).
            OptionalInt memoryMib = essential.get().memory() != null ? OptionalInt.of(essential.get().memory())
                    : FargateSizes.memoryMib(task.definition.memory());
            task.local = runtime.run(task.id, task.ip, essential.get(), resolvedSecrets, memoryMib, listener);
            localTasks.add(task);
            pollLocalReports();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Task " + task.id + " stays simulated: " + e.getMessage());
        }
    }

    /** The container that runs as a local process: the first essential one, if the runtime can run its image. */
    private Optional<ContainerDefinition> localContainer(TaskRecord task) {
        return task.definition.containerDefinitions().stream()
                .filter(c -> c.essential() == null || c.essential()).findFirst()
                .filter(c -> runtime.canRun(c.image()));
    }

    /**
     * Resolves the secrets of a task's local container from Secrets Manager and Parameter Store, as the ECS agent
     * does before it starts the container; the first that does not resolve fails the task as ECS words it.
     * Simulated tasks' secrets are not looked at.
     */
    private Optional<String> resolveLocalSecrets(TaskRecord task, Map<String, String> resolved) {
        Optional<ContainerDefinition> container = localContainer(task);
        if (container.isEmpty() || !container.get().hasSecrets()) {
            return Optional.empty();
        }
        for (var secret : container.get().secrets()) {
            Optional<String> value = secrets.resolve(secret.valueFrom());
            if (value.isEmpty()) {
                boolean fromSecretsManager = secret.valueFrom().startsWith("arn:aws:secretsmanager:");
                return Optional.of("ResourceInitializationError: unable to pull secrets or registry auth: "
                        + "execution resource retrieval failed: unable to retrieve secret from "
                        + (fromSecretsManager ? "asm" : "ssm") + ": " + (fromSecretsManager
                        ? "ResourceNotFoundException: Secrets Manager can't find the specified secret. (" 
                        : "ParameterNotFound: (") + secret.valueFrom() + ")");
            }
            resolved.put(secret.name(), value.get());
        }
        return Optional.empty();
    }

    private void report(Runnable change) {
        localReports.add(change);
    }

    private void pollLocalReports() {
        if (localPollQueued) {
            return;
        }
        localPollQueued = true;
        scheduler.at(scheduler.now().plus(LOCAL_POLL), () -> {
            localPollQueued = false;
            try {
                Runnable change;
                while ((change = localReports.poll()) != null) {
                    change.run();
                }
            } finally {
                if (!localTasks.isEmpty()) {
                    pollLocalReports();
                }
            }
        });
    }

    /** ECS replaces a task whose essential container turned unhealthy, and the circuit breaker counts it. */
    private void localHealth(ServiceRecord service, TaskRecord task, TaskListener.Health status) {
        if (!task.active()) {
            return;
        }
        task.healthStatus = status.name();
        if (status == TaskListener.Health.UNHEALTHY) {
            stopTask(service, task, "ServiceSchedulerInitiated", "Task failed container health checks");
            countFailure(service, task);
        }
        queueStep(service);
    }

    private void countFailure(ServiceRecord service, TaskRecord task) {
        service.deployments.stream().filter(d -> d.id.equals(task.deploymentId)).findFirst().ifPresent(d -> {
            d.failedTasks++;
            tripCircuitBreakerIfDue(service, d);
        });
    }

    /** The process ended: ECS stops the task (by itself it failed, and the circuit breaker counts it). */
    private void localExit(ServiceRecord service, TaskRecord task, int exitCode) {
        localTasks.remove(task);
        task.exitCode = exitCode;
        if (task.stopped()) {
            return;
        }
        if (task.pendingStopCode != null) {
            finishStopping(service, task, task.pendingStopCode, task.pendingStopReason);
            return;
        }
        if (!task.active()) {
            // Being drained before its SIGTERM: the stop already under way finishes it.
            return;
        }
        stopTask(service, task, "EssentialContainerExited", "Essential container in task exited");
        countFailure(service, task);
        queueStep(service);
    }

    /** The first passing container health check: after the start period, or after one interval. */
    private static Duration containerHealthDelay(TaskDefinition definition) {
        long seconds = 0;
        for (ContainerDefinition c : definition.containerDefinitions()) {
            if (c.healthCheck() != null) {
                int interval = c.healthCheck().interval() == null ? 30 : c.healthCheck().interval();
                int startPeriod = c.healthCheck().startPeriod() == null ? 0 : c.healthCheck().startPeriod();
                seconds = Math.max(seconds, Math.max(interval, startPeriod));
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /** ECS trips after half the desired count of failed tasks, at least 3 and at most 200. */
    static int circuitBreakerThreshold(int desiredCount) {
        return Math.min(200, Math.max(3, (int) Math.ceil(desiredCount / 2.0)));
    }

    private void tripCircuitBreakerIfDue(ServiceRecord service, DeploymentRecord deployment) {
        if (!service.circuitBreakerEnabled() || deployment != service.primary()
                || !"IN_PROGRESS".equals(deployment.rolloutState)
                || deployment.failedTasks < circuitBreakerThreshold(service.desiredCount)) {
            return;
        }
        deployment.rolloutState = "FAILED";
        deployment.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        service.event(ids.eventId(), scheduler.now(), "(deployment " + deployment.id
                + ") deployment failed: tasks failed to start.");
        if (service.rollbackEnabled() && service.lastCompletedTaskDefinitionArn != null) {
            DeploymentRecord rollback = new DeploymentRecord(ids.deploymentId(), service.lastCompletedTaskDefinitionArn,
                    scheduler.now(), deployment.network, deployment.launchType, deployment.capacityProviders,
                    service.desiredCount);
            rollback.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId "
                    + service.lastCompletedDeploymentId + ".";
            deployment.status = "ACTIVE";
            service.deployments.add(0, rollback);
            service.taskDefinitionArn = service.lastCompletedTaskDefinitionArn;
            service.event(ids.eventId(), scheduler.now(), "rolling back to deployment "
                    + service.lastCompletedDeploymentId + ".");
        }
    }

    /** Stops a task the way ECS does: deregister and drain its targets first, then SIGTERM, then gone. */
    void stopTask(ServiceRecord service, TaskRecord task, String stopCode, String reason) {
        if (!task.active()) {
            return;
        }
        task.desiredStatus = "STOPPED";
        if (!"RUNNING".equals(task.lastStatus)) {
            finishStopping(service, task, stopCode, reason);
            return;
        }
        Duration drain = Duration.ZERO;
        for (TaskRecord.TargetRef ref : task.targets) {
            targets.deregister(ref.targetGroupArn(), task.ip, ref.port());
            Duration delay = targets.deregistrationDelay(ref.targetGroupArn());
            drain = delay.compareTo(drain) > 0 ? delay : drain;
        }
        scheduler.at(scheduler.now().plus(drain), () -> {
            task.lastStatus = "DEACTIVATING";
            task.stoppingAt = scheduler.now();
            if (task.local != null && task.local.alive()) {
                // STOPPED when the process is gone: after SIGTERM, or SIGKILL at the container's stopTimeout.
                task.pendingStopCode = stopCode;
                task.pendingStopReason = reason;
                task.local.stop();
                return;
            }
            scheduler.at(scheduler.now().plus(STOPPING), () -> finishStopping(service, task, stopCode, reason));
        });
    }

    private void finishStopping(ServiceRecord service, TaskRecord task, String stopCode, String reason) {
        if (task.local != null && task.local.alive()) {
            task.local.stop(Duration.ZERO);
        }
        task.lastStatus = "STOPPED";
        task.stoppedAt = scheduler.now();
        if (task.stoppingAt == null) {
            task.stoppingAt = task.stoppedAt;
        }
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        scheduler.at(scheduler.now().plus(KEEP_STOPPED), () -> {
            tasks.remove(task.arn);
            service.tasks.remove(task);
        });
    }

    /** FARGATE unless a strategy says otherwise; with a strategy, providers take turns by weight (base ignored). */
    private String capacityProvider(DeploymentRecord deployment) {
        List<CapacityProviderStrategyItem> strategy = deployment.capacityProviders;
        if (strategy == null || strategy.isEmpty()) {
            return "FARGATE";
        }
        int totalWeight = strategy.stream().mapToInt(i -> i.weight() == null ? 0 : i.weight()).sum();
        if (totalWeight == 0) {
            return strategy.get(0).capacityProvider();
        }
        int turn = capacityProviderTurn++ % totalWeight;
        for (CapacityProviderStrategyItem item : strategy) {
            turn -= item.weight() == null ? 0 : item.weight();
            if (turn < 0) {
                return item.capacityProvider();
            }
        }
        return strategy.get(0).capacityProvider();
    }
}
