package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.LoadBalancerTargets;
import dev.ecsapp.sandbox.aws.LocalTasks;
import dev.ecsapp.sandbox.aws.elbv2.DataPlaneView;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * Real health checks of the targets that run as local processes, in groups a listener forwards to: a GET of the
 * group's HealthCheckPath on its HealthCheckPort (traffic-port: the target's own) every HealthCheckIntervalSeconds,
 * failing after HealthCheckTimeoutSeconds, passing when the status is one the matcher names. HTTPS health checks are
 * made as plain HTTP, as the listeners serve HTTPS as plain HTTP. These run in wall-clock time whatever the speed
 * of the sandbox's simulated clock: a real process answers in real time. Other targets keep simulated health.
 */
final class HealthChecker {

    /** How often due checks are looked for; the finest interval ALB allows is 5 s. */
    static final long TICK_MILLIS = 250;

    private record Key(String targetGroupArn, String ip, int port) {
    }

    private record Candidate(Key key, TargetGroup group) {
    }

    private final LockedCalls locked;
    private final DataPlaneView view;
    private final LocalTasks localTasks;
    private final HttpClient client;
    private final Map<Key, TargetHealthRecord> records = new HashMap<>();

    private final TargetGroupMetrics metrics;

    HealthChecker(LockedCalls locked, DataPlaneView view, LocalTasks localTasks, HttpClient client,
            TargetGroupMetrics metrics) {
        this.locked = locked;
        this.view = view;
        this.localTasks = localTasks;
        this.client = client;
        this.metrics = metrics;
    }

    /** Starts the checks that are due; a target checked for the first time is checked at once. */
    void tick() {
        locked.call(this::candidates).onSuccess(this::startDue);
    }

    private void startDue(List<Candidate> candidates) {
        long now = System.nanoTime();
        List<Candidate> due = new ArrayList<>();
        synchronized (this) {
            // Targets gone, draining or unused are no longer checked; registered again, they start over.
            records.keySet().retainAll(candidates.stream().map(Candidate::key).toList());
            for (Candidate candidate : candidates) {
                TargetHealthRecord record = records.computeIfAbsent(candidate.key(), k -> new TargetHealthRecord(now));
                if (!record.inFlight && now - record.nextDueNanos >= 0) {
                    record.inFlight = true;
                    record.nextDueNanos = now
                            + TimeUnit.SECONDS.toNanos(candidate.group().healthCheckIntervalSeconds());
                    due.add(candidate);
                }
            }
        }
        due.forEach(this::check);
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        for (TargetGroup group : view.targetGroupsInUse()) {
            int healthy = 0;
            int unhealthy = 0;
            for (DataPlaneView.Target target : view.targets(group.targetGroupArn())) {
                healthy += target.state().equals(LoadBalancerTargets.HEALTHY) ? 1 : 0;
                unhealthy += target.state().equals(LoadBalancerTargets.UNHEALTHY) ? 1 : 0;
                boolean takesTraffic = !target.state().equals(LoadBalancerTargets.DRAINING)
                        && !target.state().equals(LoadBalancerTargets.UNUSED);
                if (takesTraffic && localTasks.runsLocally(target.ip())) {
                    candidates.add(new Candidate(new Key(group.targetGroupArn(), target.ip(), target.port()), group));
                }
            }
            // A group in use is used by one load balancer (ALB allows no more); its host counts are filed under it.
            if (!group.loadBalancerArns().isEmpty()) {
                metrics.hostCounts(group.targetGroupArn(), group.loadBalancerArns().get(0), healthy, unhealthy);
            }
        }
        return candidates;
    }

    private void check(Candidate candidate) {
        TargetGroup group = candidate.group();
        int port = group.healthCheckPort().equals("traffic-port") ? candidate.key().port()
                : Integer.parseInt(group.healthCheckPort());
        long timeoutMillis = TimeUnit.SECONDS.toMillis(group.healthCheckTimeoutSeconds());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, candidate.key().ip()))
                .setHost(candidate.key().ip()).setPort(port).setURI(group.healthCheckPath())
                .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis)
                .putHeader("User-Agent", "ELB-HealthChecker/2.0");
        String codes = group.matcher().httpCode() == null ? "200" : group.matcher().httpCode();
        client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> HealthCodes.accepts(codes, response.statusCode())
                        ? TargetHealthRecord.Outcome.PASSED
                        : TargetHealthRecord.Outcome.codeMismatch(response.statusCode())))
                .otherwise(failure -> failure instanceof TimeoutException || failure instanceof ConnectTimeoutException
                        ? TargetHealthRecord.Outcome.TIMEOUT : TargetHealthRecord.Outcome.FAILED)
                .onSuccess(outcome -> report(candidate, outcome));
    }

    private void report(Candidate candidate, TargetHealthRecord.Outcome outcome) {
        TargetHealth health;
        synchronized (this) {
            TargetHealthRecord record = records.get(candidate.key());
            if (record == null) {
                return; // deregistered while checked
            }
            record.inFlight = false;
            health = record.add(outcome, candidate.group());
        }
        locked.call(() -> {
            view.reportHealth(candidate.key().targetGroupArn(), candidate.key().ip(), candidate.key().port(), health);
            return null;
        });
    }
}
