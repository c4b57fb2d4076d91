package dev.ecsapp.operator;

import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.controller.EcsAppController;
import dev.ecsapp.operator.events.EventRecorder;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.Clock;
import java.util.logging.Logger;
import java.util.Set;

/**
 * The running operator: java-operator-sdk with the EcsApp controller registered, configured once from
 * {@link OperatorConfig}. Main starts one against the cluster of the kubeconfig; tests start one against the sandbox.
 */
public final class EcsAppOperator implements AutoCloseable {

    static final String LEASE_NAME = "ecsapp-operator";

    private static final Logger LOG = Logger.getLogger(EcsAppOperator.class.getName());

    private final Operator operator;
    /** Set before a deliberate stop, which also ends leadership: that end is expected, not a lost lease. */
    private volatile boolean stopping;

    public EcsAppOperator(OperatorConfig config, KubernetesClient kubernetes, AwsClients aws, OperatorMetrics metrics,
            Clock clock) {
        operator = new Operator(overrider -> {
            overrider.withKubernetesClient(kubernetes)
                    .withCloseClientOnStop(false)
                    // A real API server takes server-side apply; the sandbox's in-memory one answers it 415.
                    .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                    .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply());
            if (config.leaderElection()) {
                // JOSDK's own exit on stop leading calls System.exit also when the stop is ours (SIGTERM runs close()
                // in a shutdown hook), and System.exit inside a shutdown hook blocks for ever: the pod would hang for
                // its whole grace period. So the exit is ours, and only for a lease lost while running.
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, null,
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null,
                        new LeaderCallbacks(() -> LOG.info("leading: reconciling EcsApps"), this::leaseLost,
                                leader -> LOG.info("the leader is " + leader)), false));
            }
        });
        EventRecorder events = new EventRecorder(kubernetes, clock);
        operator.register(EcsAppController.reconciler(config, aws, events, metrics, clock), controller -> {
            if (!config.namespaces().isEmpty()) {
                controller.settingNamespaces(Set.copyOf(config.namespaces()));
            }
        });
    }

    public void start() {
        operator.start();
    }

    /** Started and every informer healthy: what /readyz answers. */
    public boolean ready() {
        return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    /**
     * Another replica may lead now: reconciling on would make two operators act on the same apps. Exit (from another
     * thread, so that the shutdown hook this starts can stop the operator) and let Kubernetes restart the pod.
     */
    private void leaseLost() {
        if (stopping) {
            return;
        }
        LOG.severe("lost the leader lease while running: exiting so that two replicas never reconcile at once");
        Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
        exit.start();
    }

    @Override
    public void close() {
        stopping = true;
        operator.stop();
    }
}
