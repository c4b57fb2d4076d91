package dev.ecsapp.operator;

import dev.ecsapp.logging.JsonLineSink;
import dev.ecsapp.logging.Logging;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.http.HealthEndpoints;
import dev.ecsapp.operator.metrics.AwsCallMetrics;
import dev.ecsapp.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.regions.Region;

/**
 * The operator's composition root: settings from the environment and flags, JSON logs, AWS clients from the default
 * credential and region chains (AWS_ENDPOINT_URL honoured, so the same binary runs against the sandbox), the
 * Kubernetes client from the kubeconfig or the pod's service account, the controller, and the health port.
 */
public final class OperatorMain {

    private OperatorMain() {
    }

    /** The version and commit the build stamped in (the release passes them; a local build says SNAPSHOT). */
    static Properties buildInfo() throws IOException {
        Properties build = new Properties();
        try (InputStream in = OperatorMain.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        build.putIfAbsent("version", "unknown");
        build.putIfAbsent("commit", "unknown");
        return build;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(OperatorConfig.usage());
            return;
        }
        Properties build = buildInfo();
        if (List.of(args).contains("--version")) {
            System.out.println("ecsapp-operator " + build.getProperty("version") + " (commit "
                    + build.getProperty("commit") + ")");
            return;
        }
        OperatorConfig config;
        try {
            config = OperatorConfig.parse(System.getenv(), args);
        } catch (OperatorConfig.BadSetting e) {
            System.err.println("ecsapp-operator: " + e.getMessage());
            System.exit(2);
            return;
        }
        JsonLineSink logs = Logging.installJsonLogging(Level.INFO);
        Logger log = Logger.getLogger(OperatorMain.class.getName());

        OperatorMetrics metrics = new OperatorMetrics();
        KubernetesClient kubernetes = new KubernetesClientBuilder().build();
        // --region (ECSAPP_REGION) names the region apps live in; the clients must call that region, not only the SDK's.
        AwsClients.Target target = config.defaults().region() == null ? AwsClients.Target.fromEnvironment()
                : new AwsClients.Target(null, Region.of(config.defaults().region()), null);
        AwsClients aws = new AwsClients(target, List.of(new AwsCallMetrics(metrics)));
        EcsAppOperator operator = new EcsAppOperator(config, kubernetes, aws, metrics, Clock.systemUTC());
        HealthEndpoints health = new HealthEndpoints("0.0.0.0", config.metricsPort(), operator::ready,
                metrics::scrape);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            operator.close();
            health.close();
            aws.close();
            kubernetes.close();
            logs.close();
            stopped.countDown();
        }, "ecsapp-operator-shutdown"));
        operator.start();
        log.log(Level.INFO, "started", Map.of("version", build.getProperty("version"),
                "kubernetes", kubernetes.getMasterUrl().toString(),
                "metricsPort", health.port(), "leaderElection", config.leaderElection()));
        stopped.await();
    }
}
