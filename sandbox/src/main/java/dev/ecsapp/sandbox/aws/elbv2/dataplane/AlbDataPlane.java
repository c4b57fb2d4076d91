package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.LocalTasks;
import dev.ecsapp.sandbox.aws.cloudwatch.MetricStore;
import dev.ecsapp.sandbox.aws.elbv2.DataPlaneView;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Application Load Balancers' data plane: every listener of every load balancer served on a loopback port of its
 * own, requests routed by the listener's rules to the targets, real health checks of the targets that run as local
 * processes, and per-minute metrics of what went through. It follows the ELBv2 state through {@link DataPlaneView}:
 * ports open at CreateListener and close at DeleteListener, DeleteLoadBalancer and reset.
 */
public final class AlbDataPlane implements DataPlaneView.Hooks, AutoCloseable {

    /** A listener as served here: the load balancer's DNS name, the listener's AWS port, and the local URL. */
    public record LocalListener(String loadBalancerDnsName, int port, String protocol, String url) {
    }

    private final Object lock;
    private final DataPlaneView view;
    private final Vertx vertx;
    private final HttpClient client;
    private final RequestRouter router;
    private final LockedCalls locked;
    private final TargetGroupMetrics metrics;
    private final Map<String, ListenerServer> servers = new ConcurrentHashMap<>();

    /**
     * @param lock         the sandbox's lock, which guards all AWS state
     * @param view         ELBv2's state, as {@code ElbV2Api.dataPlaneView()} gives it
     * @param localTasks   which target addresses have a real process behind them: those are health checked for real
     * @param metricsClock the clock metrics are filed by: the sandbox's simulated clock
     * @param cloudWatch   where the metrics are published as AWS/ApplicationELB, for CloudWatch's API
     */
    public AlbDataPlane(Object lock, DataPlaneView view, LocalTasks localTasks, Clock metricsClock,
            MetricStore cloudWatch) {
        this.lock = lock;
        this.view = view;
        // One event loop: the machine's cores are shared, and loopback traffic in a sandbox is light. The workers
        // make the calls that take the sandbox's lock (LockedCalls), which the event loop must not wait for.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        this.router = new RequestRouter(view);
        this.locked = new LockedCalls(vertx, lock);
        this.metrics = new TargetGroupMetrics(metricsClock, cloudWatch);
        HealthChecker checker = new HealthChecker(locked, view, localTasks, client, metrics);
        vertx.setPeriodic(HealthChecker.TICK_MILLIS, id -> checker.tick());
        synchronized (lock) {
            view.attach(this);
            listenersChanged();
        }
    }

    /** Opens ports for new listeners and closes those of listeners gone; one that moved port is served anew. */
    @Override
    public void listenersChanged() {
        synchronized (lock) {
            Map<String, DataPlaneView.ListenerPort> current = view.listeners().stream()
                    .collect(Collectors.toMap(DataPlaneView.ListenerPort::listenerArn, l -> l));
            for (String arn : Set.copyOf(servers.keySet())) {
                if (!servers.get(arn).listener().equals(current.get(arn))) {
                    servers.remove(arn).close();
                }
            }
            current.forEach((arn, listener) -> servers.computeIfAbsent(arn,
                    a -> ListenerServer.start(vertx, client, listener, router, locked, metrics)));
        }
    }

    @Override
    public Optional<String> localUrl(String listenerArn) {
        return Optional.ofNullable(servers.get(listenerArn)).map(ListenerServer::url);
    }

    @Override
    public void reset() {
        metrics.clear();
    }

    /** Every listener served, by load balancer DNS name and listener port. */
    public List<LocalListener> localListeners() {
        List<LocalListener> listeners = new ArrayList<>();
        servers.values().forEach(s -> listeners.add(new LocalListener(s.listener().dnsName(), s.listener().port(),
                s.listener().protocol(), s.url())));
        listeners.sort(Comparator.comparing(LocalListener::loadBalancerDnsName)
                .thenComparing(LocalListener::port));
        return listeners;
    }

    /** The local URL of each listener, by load balancer DNS name, then listener port. */
    public Map<String, Map<Integer, String>> listenerUrls() {
        Map<String, Map<Integer, String>> urls = new LinkedHashMap<>();
        localListeners().forEach(l -> urls.computeIfAbsent(l.loadBalancerDnsName(), d -> new LinkedHashMap<>())
                .put(l.port(), l.url()));
        return urls;
    }

    /** What went through the listeners, per target group and minute. */
    public TargetGroupMetrics metrics() {
        return metrics;
    }

    /** Closes every port; requests in flight are cut. Call without holding the sandbox's lock. */
    @Override
    public void close() {
        servers.clear();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
