package dev.ecsapp.operator.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * DescribeServices for every reconcile, ten services to a call. ECS's service-read bucket (20 a second) is the first
 * limit a hundred converging apps meet when each describes its own service; a call costs the same for one service
 * as for ten. So a reconcile that needs its service also refreshes the nine services of the same cluster that other
 * reconciles asked for lately and that were read longest ago, and an answer younger than {@code fresh} is reused
 * (also within one reconcile: observe, then the rollout's look). A write to a service forgets its answer; services
 * not asked for lately are forgotten altogether.
 */
public final class ServiceReads {

    /** How long a service asked for counts as wanted again soon, worth refreshing in someone else's call. */
    private static final long INTEREST_NANOS = Duration.ofSeconds(30).toNanos();

    private record Key(String cluster, String name) {
    }

    /** An answer: the service, or empty for missing or INACTIVE. */
    private record Entry(Optional<Service> service, long readAt) {
    }

    private final EcsClient ecs;
    private final long freshNanos;
    private final LongSupplier clock;
    private final Map<Key, Entry> answers = new HashMap<>();
    private final Map<Key, Long> askedAt = new HashMap<>();

    /** @param fresh how long an answer is reused; zero reads every time */
    public ServiceReads(EcsClient ecs, Duration fresh) {
        this(ecs, fresh, System::nanoTime);
    }

    ServiceReads(EcsClient ecs, Duration fresh, LongSupplier clock) {
        this.ecs = ecs;
        this.freshNanos = fresh.toNanos();
        this.clock = clock;
    }

    /** The service, or empty when it is missing or INACTIVE. */
    public Optional<Service> describe(String cluster, String name) {
        Key key = new Key(cluster, name);
        List<String> batch;
        synchronized (this) {
            long now = clock.getAsLong();
            askedAt.put(key, now);
            Entry known = answers.get(key);
            if (known != null && now - known.readAt() < freshNanos) {
                return known.service();
            }
            batch = new ArrayList<>();
            batch.add(name);
            dropStale(now);
            askedAt.keySet().stream()
                    .filter(other -> other.cluster().equals(cluster) && !other.equals(key))
                    .filter(other -> answers.get(other) == null || now - answers.get(other).readAt() >= freshNanos / 2)
                    .sorted(Comparator.comparingLong(other -> answers.get(other) == null ? Long.MIN_VALUE
                            : answers.get(other).readAt()))
                    .limit(ServiceAdapter.DESCRIBE_BATCH - 1)
                    .forEach(other -> batch.add(other.name()));
        }
        return read(cluster, batch).get(name);
    }

    /** Every one of these services, read now (ten to a call), whatever is known. */
    public Map<String, Optional<Service>> describeAll(String cluster, List<String> names) {
        Map<String, Optional<Service>> found = new LinkedHashMap<>();
        for (int from = 0; from < names.size(); from += ServiceAdapter.DESCRIBE_BATCH) {
            found.putAll(read(cluster, names.subList(from, Math.min(names.size(), from + ServiceAdapter
                    .DESCRIBE_BATCH))));
        }
        return found;
    }

    /** After a write to the service: the next look reads it again. */
    public synchronized void forget(String cluster, String name) {
        answers.remove(new Key(cluster, name));
    }

    /** How many services something is kept for, an answer or a recent ask. */
    synchronized int retained() {
        Set<Key> kept = new HashSet<>(answers.keySet());
        kept.addAll(askedAt.keySet());
        return kept.size();
    }

    private Map<String, Optional<Service>> read(String cluster, List<String> names) {
        // A missing service is no exception here: DescribeServices lists it under failures with reason MISSING.
        List<Service> services = AwsErrors.call("DescribeServices", () -> ecs.describeServices(r -> r
                .cluster(cluster).services(names).include(ServiceField.TAGS))).services();
        Map<String, Optional<Service>> found = new LinkedHashMap<>();
        names.forEach(name -> found.put(name, Optional.empty()));
        for (Service service : services) {
            if (!"INACTIVE".equals(service.status())) {
                found.put(service.serviceName(), Optional.of(service));
            }
        }
        synchronized (this) {
            long now = clock.getAsLong();
            found.forEach((name, service) -> answers.put(new Key(cluster, name), new Entry(service, now)));
            dropStale(now);
        }
        return found;
    }

    // Without this both maps would hold every service ever looked at, deleted apps' too. What is kept is bounded by
    // the services asked for within INTEREST and those read within fresh; the sweep runs only with an AWS call,
    // which costs far more than walking those.
    /** Forgets asks older than INTEREST, and answers that can neither be reused nor order a refresh any more. */
    private void dropStale(long now) {
        askedAt.values().removeIf(asked -> now - asked > INTEREST_NANOS);
        // An answer older than fresh is never returned; it only tells, while its service is asked for, how long ago
        // it was read, so that the longest-unread services are refreshed first.
        answers.entrySet().removeIf(answer -> now - answer.getValue().readAt() >= freshNanos
                && !askedAt.containsKey(answer.getKey()));
    }
}
