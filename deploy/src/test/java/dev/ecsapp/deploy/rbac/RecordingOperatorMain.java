package dev.ecsapp.deploy.rbac;

import dev.ecsapp.deploy.chart.Manifests;
import dev.ecsapp.operator.EcsAppOperator;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator as its pod runs it, in a process of its own: settings from the environment the chart's Deployment sets,
 * the Kubernetes client in the service account's namespace, with every request recorded. It runs until its standard
 * input closes, then writes what it recorded and stops. A process of its own because java-operator-sdk ends the JVM
 * when an operator with leader election stops.
 *
 * <p>Arguments: kubeconfig, the operator's namespace, the rendered chart (YAML), the file to write the record to.
 */
public final class RecordingOperatorMain {

    static final String STARTED = "started";
    static final String CONFLICT_SENT = "conflict-sent";
    static final String RULES_REVIEWS = "rules-reviews";
    static final String REQUEST = "request";

    private RecordingOperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        String namespace = args[1];
        List<HasMetadata> manifests = Manifests.parse(Files.readString(Path.of(args[2])));
        Path record = Path.of(args[3]);

        OperatorConfig config = OperatorConfig.parse(System.getenv(), new String[0]);
        ServiceAccount serviceAccount = Manifests.only(manifests, ServiceAccount.class);
        RbacGrants grants = RbacGrants.forServiceAccount(manifests, serviceAccount.getMetadata().getNamespace(),
                serviceAccount.getMetadata().getName());
        Config clientConfig = Config.fromKubeconfig(Files.readString(kubeconfig));
        clientConfig.setNamespace(namespace);
        try (RecordingInterceptor recorder = new RecordingInterceptor(grants, false);
                KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(clientConfig)
                        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("recorder", recorder))
                        .build();
                AwsClients aws = new AwsClients(AwsClients.Target.fromEnvironment())) {
            EcsAppOperator operator = new EcsAppOperator(config, kubernetes, aws, new OperatorMetrics(),
                    Clock.systemUTC());
            operator.start();
            write(record, List.of(STARTED));
            while (System.in.read() >= 0) {
                // The test closes our input when the app's life is over.
            }
            List<String> lines = new ArrayList<>();
            lines.add(STARTED);
            lines.add(CONFLICT_SENT + " " + recorder.sentConflict());
            lines.add(RULES_REVIEWS + " " + recorder.rulesReviewsAnswered());
            recorder.requests().forEach(r -> lines.add(REQUEST + " " + r.method() + " " + r.uri()));
            write(record, lines);
            operator.close();
        }
    }

    private static void write(Path record, List<String> lines) throws java.io.IOException {
        Path partial = record.resolveSibling(record.getFileName() + ".partial");
        Files.write(partial, lines);
        Files.move(partial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
