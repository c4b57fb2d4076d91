package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.LocalTasks;
import dev.ecsapp.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The targets registered in each target group and their health over simulated time, as DescribeTargetHealth shows
 * it. A target of a group no load balancer uses is {@code unused}. Otherwise it is {@code initial} (registration in
 * progress until the first check one interval after checks can start, then initial health checking) and turns
 * {@code healthy} after HealthyThresholdCount passing checks. Every target passes: the sandbox runs no containers
 * to check. Deregistration drains for the group's deregistration delay, then the target is gone.
 *
 * <p>A target whose address {@link LocalTasks} says runs locally is the exception: it stays in registration until
 * the load balancer's data plane probes it for real and reports what it saw through {@link #probed}.
 */
final class RegisteredTargets {

    /** When health checks of a group's targets can start: empty while no load balancer uses the group. */
    interface Usage {
        Optional<Instant> checksStart(String targetGroupArn);
    }

    private record Key(String id, int port) {
    }

    /** One registration; epoch invalidates the scheduled transitions of an earlier phase. */
    private static final class Registration {
        private final String id;
        private final int port;
        private final String zone;
        private TargetHealth health;
        private long epoch;

        private Registration(String id, int port, String zone) {
            this.id = id;
            this.port = port;
            this.zone = zone;
        }

        private boolean draining() {
            return health.stateAsString().equals(LoadBalancerTargets.DRAINING);
        }
    }

    private static final TargetHealth NOT_IN_USE = health(LoadBalancerTargets.UNUSED, "Target.NotInUse",
            "Target group is not configured to receive traffic from the load balancer");
    private static final TargetHealth NOT_REGISTERED = health(LoadBalancerTargets.UNUSED, "Target.NotRegistered",
            "Target is not registered to the target group");
    private static final TargetHealth REGISTERING = health(LoadBalancerTargets.INITIAL, "Elb.RegistrationInProgress",
            "Target registration is in progress");
    private static final TargetHealth INITIAL_CHECKS = health(LoadBalancerTargets.INITIAL, "Elb.InitialHealthChecking",
            "Initial health checks in progress");
    private static final TargetHealth DRAINING = health(LoadBalancerTargets.DRAINING,
            "Target.DeregistrationInProgress", "Target deregistration is in progress");
    private static final TargetHealth HEALTHY = TargetHealth.builder().state(LoadBalancerTargets.HEALTHY).build();

    private final Scheduler scheduler;
    private final Usage usage;
    private final LocalTasks localTasks;
    private final Map<String, Map<Key, Registration>> byGroup = new LinkedHashMap<>();

    RegisteredTargets(Scheduler scheduler, Usage usage, LocalTasks localTasks) {
        this.scheduler = scheduler;
        this.usage = usage;
        this.localTasks = localTasks;
    }

    /** Registers a target; registering one already registered changes nothing, a draining one starts over. */
    void register(TargetGroup group, String id, int port, String zone) {
        Map<Key, Registration> targets = byGroup.computeIfAbsent(group.targetGroupArn(), g -> new LinkedHashMap<>());
        Registration existing = targets.get(new Key(id, port));
        if (existing != null && !existing.draining()) {
            return;
        }
        Registration registration = new Registration(id, port, zone);
        targets.put(new Key(id, port), registration);
        usage.checksStart(group.targetGroupArn()).ifPresentOrElse(start -> startChecks(group, registration, start),
                () -> registration.health = NOT_IN_USE);
    }

    boolean isRegistered(String groupArn, String id, int port) {
        return byGroup.getOrDefault(groupArn, Map.of()).containsKey(new Key(id, port));
    }

    /** Starts draining a target (gone after the delay), or forgets it at once when it takes no traffic. */
    void deregister(String groupArn, String id, int port, Duration delay) {
        Map<Key, Registration> targets = byGroup.getOrDefault(groupArn, Map.of());
        Registration registration = targets.get(new Key(id, port));
        if (registration == null || registration.draining()) {
            return;
        }
        if (registration.health == NOT_IN_USE || delay.isZero()) {
            targets.remove(new Key(id, port));
            return;
        }
        long epoch = ++registration.epoch;
        registration.health = DRAINING;
        scheduler.at(scheduler.now().plus(delay), () -> {
            if (registration.epoch == epoch) {
                byGroup.getOrDefault(groupArn, new LinkedHashMap<>()).remove(new Key(id, port), registration);
            }
        });
    }

    /**
     * Applies a change in who uses the group: its targets start health checks when a load balancer starts using it,
     * and go unused when the last one stops. Draining targets finish draining.
     */
    void usageChanged(TargetGroup group) {
        Optional<Instant> start = usage.checksStart(group.targetGroupArn());
        for (Registration registration : byGroup.getOrDefault(group.targetGroupArn(), Map.of()).values()) {
            if (registration.draining()) {
                continue;
            }
            if (start.isEmpty() && registration.health != NOT_IN_USE) {
                registration.epoch++;
                registration.health = NOT_IN_USE;
            } else if (start.isPresent() && registration.health == NOT_IN_USE) {
                startChecks(group, registration, start.get());
            }
        }
    }

    Optional<String> state(String groupArn, String id, int port) {
        return Optional.ofNullable(byGroup.getOrDefault(groupArn, Map.of()).get(new Key(id, port)))
                .map(r -> r.health.stateAsString());
    }

    /**
     * What a real health check of a local target found; ignored for a target that is gone, draining or unused,
     * since only targets taking traffic are checked.
     */
    void probed(String groupArn, String id, int port, TargetHealth health) {
        Registration registration = byGroup.getOrDefault(groupArn, Map.of()).get(new Key(id, port));
        if (registration != null && !registration.draining() && registration.health != NOT_IN_USE) {
            registration.health = health;
        }
    }

    /** The group's registrations as the data plane routes over them: address, port and state. */
    List<DataPlaneView.Target> targets(String groupArn) {
        return byGroup.getOrDefault(groupArn, Map.of()).values().stream()
                .map(r -> new DataPlaneView.Target(r.id, r.port, r.health.stateAsString()))
                .toList();
    }

    int count(String groupArn) {
        return byGroup.getOrDefault(groupArn, Map.of()).size();
    }

    /** DescribeTargetHealth: the named targets (unregistered ones as such), or every registered target. */
    List<TargetHealthDescription> describe(TargetGroup group, List<TargetDescription> wanted) {
        Map<Key, Registration> targets = byGroup.getOrDefault(group.targetGroupArn(), Map.of());
        List<TargetHealthDescription> descriptions = new ArrayList<>();
        if (wanted == null || wanted.isEmpty()) {
            targets.values().forEach(r -> descriptions.add(description(group, r.id, r.port, r.zone, r.health)));
            return descriptions;
        }
        for (TargetDescription target : wanted) {
            int port = target.port() == null ? group.port() : target.port();
            Registration registration = targets.get(new Key(target.id(), port));
            descriptions.add(registration == null
                    ? description(group, target.id(), port, target.availabilityZone(), NOT_REGISTERED)
                    : description(group, registration.id, port, registration.zone, registration.health));
        }
        return descriptions;
    }

    void forget(String groupArn) {
        byGroup.remove(groupArn);
    }

    void clear() {
        byGroup.clear();
    }

    private void startChecks(TargetGroup group, Registration registration, Instant start) {
        long epoch = ++registration.epoch;
        registration.health = REGISTERING;
        if (localTasks.runsLocally(registration.id)) {
            return; // real health checks decide, in real time
        }
        Duration interval = Duration.ofSeconds(group.healthCheckIntervalSeconds());
        scheduler.at(start.plus(interval), () -> {
            if (registration.epoch == epoch) {
                registration.health = INITIAL_CHECKS;
            }
        });
        scheduler.at(start.plus(interval.multipliedBy(group.healthyThresholdCount())), () -> {
            if (registration.epoch == epoch) {
                registration.health = HEALTHY;
            }
        });
    }

    private static TargetHealthDescription description(TargetGroup group, String id, int port, String zone,
            TargetHealth health) {
        return TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(id).port(port).availabilityZone(zone).build())
                .healthCheckPort(group.healthCheckPort().equals("traffic-port") ? String.valueOf(port)
                        : group.healthCheckPort())
                .targetHealth(health)
                .build();
    }

    private static TargetHealth health(String state, String reason, String description) {
        return TargetHealth.builder().state(state).reason(reason).description(description).build();
    }
}
