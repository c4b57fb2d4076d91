package dev.ecsapp.operator;

import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.controller.EcsAppController;
import dev.ecsapp.operator.events.EventRecorder;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.Set;

/**
 * The running operator: java-operator-sdk with the EcsApp controller registered, configured once from
 * {@link OperatorConfig}. Main starts one against the cluster of the kubeconfig; tests start one against the sandbox.
 */
public final class EcsAppOperator implements AutoCloseable {

    static final String LEASE_NAME = "ecsapp-operator";

    private final Operator operator;

    public EcsAppOperator(OperatorConfig config, KubernetesClient kubernetes, AwsClients aws, OperatorMetrics metrics,
            Clock clock) {
        operator = new Operator(overrider -> {
            overrider.withKubernetesClient(kubernetes)
                    .withCloseClientOnStop(false)
                    // A real API server takes server-side apply; the sandbox's in-memory one answers it 415.
                    .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                    .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply());
            if (config.leaderElection()) {
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME));
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

    @Override
    public void close() {
        operator.stop();
    }
}
