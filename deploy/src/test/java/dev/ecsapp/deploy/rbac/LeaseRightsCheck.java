package dev.ecsapp.deploy.rbac;

import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.LeaderElectionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Whether the operator starts with given rights. Before it runs for election java-operator-sdk asks the API server
 * for its rights on Leases (a SelfSubjectRulesReview) and refuses to start without the ones it wants, which need not
 * be the ones it then uses; no later request shows them, so a test learns them by taking rights away one at a time.
 * Lease requests are refused here so that this operator never leads: java-operator-sdk ends the JVM when a leader
 * stops, and this check runs inside the test's JVM.
 */
final class LeaseRightsCheck {

    private LeaseRightsCheck() {
    }

    static boolean operatorStarts(Path kubeconfig, String namespace, OperatorConfig config, AwsClients aws,
            RbacGrants grants) throws IOException {
        Config clientConfig = Config.fromKubeconfig(Files.readString(kubeconfig));
        clientConfig.setNamespace(namespace);
        try (RecordingInterceptor standIn = new RecordingInterceptor(grants, true);
                KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(clientConfig)
                        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("stand-in", standIn))
                        .build()) {
            EcsAppOperator operator = new EcsAppOperator(config, kubernetes, aws, new OperatorMetrics(),
                    Clock.systemUTC());
            try {
                operator.start();
                return true;
            } catch (RuntimeException e) {
                if (refusedForLeaseRights(e)) {
                    return false;
                }
                throw e;
            } finally {
                operator.close();
            }
        }
    }

    private static boolean refusedForLeaseRights(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(
                    LeaderElectionManager.NO_PERMISSION_TO_LEASE_RESOURCE_MESSAGE)) {
                return true;
            }
        }
        return false;
    }
}
