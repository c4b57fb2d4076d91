package dev.ecsapp.deploy.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.deploy.chart.Manifests;
import dev.ecsapp.deploy.chart.OperatorChart;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.sandbox.Sandbox;
import dev.ecsapp.sandbox.SandboxConfig;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The chart's RBAC follows from what the operator does, not from a list kept by hand. The real operator runs against
 * the sandbox in a process of its own with exactly the environment the chart's Deployment gives it (leader election
 * on), takes an app through its life (create, image bump, the same invalid spec twice, delete), and every request its
 * Kubernetes client sends is recorded. The chart must allow each request, and each right it grants must be used by a
 * request or be one the operator refuses to start without ({@link LeaseRightsCheck}).
 *
 * <p>It runs on the sandbox's own API server with the chart's server-side apply on, so the requests recorded are the
 * ones a production operator makes (its writes to an app are apply patches: the verb is patch).
 */
class RbacMatchesOperatorRequestsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ACCESS_KEY = "AKIAOPERATOR";
    private static final String SECRET_KEY = "sandbox";

    @Test
    void watchingEveryNamespaceTheChartGrantsExactlyWhatTheOperatorNeeds() throws Exception {
        try (ChartOnSandbox chart = new ChartOnSandbox(Map.of())) {
            OperatorProcess.Record record = chart.operatorThroughAnAppsLife("default");

            assertThat(chart.grants.grants()).allSatisfy(grant -> assertThat(grant.namespace()).as(grant.toString())
                    .isEqualTo(grant.resource().equals("leases") ? OperatorChart.NAMESPACE : null));
            assertThatTheChartGrantsExactlyWhatTheOperatorNeeds(chart, record);
        }
    }

    @Test
    void watchingListedNamespacesTheChartGrantsExactlyWhatTheOperatorNeedsThere() throws Exception {
        try (ChartOnSandbox chart = new ChartOnSandbox(Map.of("watchNamespaces[0]", "shop"))) {
            OperatorProcess.Record record = chart.operatorThroughAnAppsLife("shop");

            assertThat(chart.grants.grants()).allSatisfy(grant -> assertThat(grant.namespace()).as(grant.toString())
                    .isEqualTo(grant.resource().equals("leases") ? OperatorChart.NAMESPACE : "shop"));
            assertThatTheChartGrantsExactlyWhatTheOperatorNeeds(chart, record);
        }
    }

    private static void assertThatTheChartGrantsExactlyWhatTheOperatorNeeds(ChartOnSandbox chart,
            OperatorProcess.Record record) throws Exception {
        assertThat(record.conflictSent()).as("the operator wrote to the app and met the injected conflict").isTrue();
        assertThat(record.rulesReviewsAnswered()).as("java-operator-sdk checked its Lease rights").isPositive();
        List<ApiRequest> needingRbac = record.requests().stream().filter(r -> !allowedToEveryone(r)).toList();

        Set<String> denied = needingRbac.stream().filter(r -> !chart.grants.allows(r)).map(ApiRequest::toString)
                .collect(Collectors.toCollection(TreeSet::new));

        List<RbacGrants.Grant> unusedByRequests = chart.grants.grants().stream()
                .filter(grant -> needingRbac.stream().noneMatch(grant::covers)).toList();
        List<String> unneeded = new ArrayList<>();
        for (RbacGrants.Grant grant : unusedByRequests) {
            if (chart.operatorStartsWithout(grant)) {
                unneeded.add(grant.toString());
            }
        }
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(denied).as("requests the operator sent that the chart does not allow").isEmpty();
            softly.assertThat(unneeded).as("rights the chart grants that no request used and the operator starts "
                    + "without").isEmpty();
        });
    }

    /**
     * Allowed to every authenticated user by the API server's default roles (system:basic-user, system:discovery,
     * system:public-info-viewer), so a chart neither needs nor should grant them.
     */
    private static boolean allowedToEveryone(ApiRequest request) {
        if (!request.isResourceRequest()) {
            String path = request.nonResourcePath();
            return request.verb().equals("get") && (path.equals("/version") || path.equals("/api")
                    || path.startsWith("/api/") || path.equals("/apis") || path.startsWith("/apis/")
                    || path.startsWith("/openapi/"));
        }
        return request.is("create", "authorization.k8s.io", "selfsubjectrulesreviews")
                || request.is("create", "authorization.k8s.io", "selfsubjectaccessreviews")
                || request.is("create", "authentication.k8s.io", "selfsubjectreviews");
    }

    /** The sandbox, the CRD from the chart, and the chart rendered with values that point the operator at it. */
    private static final class ChartOnSandbox implements AutoCloseable {

        private final Path dir;
        private final Sandbox sandbox;
        private final AwsClients aws;
        private final String rendered;
        private final String operatorNamespace;
        private final Map<String, String> environment;
        private final RbacGrants grants;

        ChartOnSandbox(Map<String, Object> chartValues) throws Exception {
            dir = Files.createTempDirectory("rbac");
            // The sandbox's own API server, so the operator runs with the chart's server-side apply, as in production.
            sandbox = Sandbox.start(SandboxConfig.ephemeral(dir.resolve("kubeconfig")).withThrottling(false)
                    .withKubernetes(dev.ecsapp.sandbox.kubernetes.KubernetesApi.Server.OWN));
            sandbox.clock().setSpeed(60);
            aws = new AwsClients(new AwsClients.Target(URI.create(sandbox.awsEndpoint()), Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))));
            OperatorChart.crds().forEach(crd -> user().resource(crd).create());

            rendered = OperatorChart.renderText(sandboxValues(chartValues));
            List<HasMetadata> manifests = Manifests.parse(rendered);
            ServiceAccount serviceAccount = Manifests.only(manifests, ServiceAccount.class);
            operatorNamespace = serviceAccount.getMetadata().getNamespace();
            grants = RbacGrants.forServiceAccount(manifests, operatorNamespace, serviceAccount.getMetadata().getName());
            environment = environmentOf(Manifests.only(manifests, Deployment.class));
            // As on a cluster, the namespaces exist before the chart and the apps go into them.
            for (String namespace : List.of(operatorNamespace, "shop")) {
                if (user().namespaces().withName(namespace).get() == null) {
                    user().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                            .withNewMetadata().withName(namespace).endMetadata().build()).create();
                }
            }
            assertThat(environment).as("the chart's default turns leader election on")
                    .containsEntry("ECSAPP_LEADER_ELECTION", "true");
        }

        KubernetesClient user() {
            return sandbox.kubernetes().client();
        }

        OperatorProcess.Record operatorThroughAnAppsLife(String appNamespace) throws Exception {
            Map<String, String> podEnvironment = new LinkedHashMap<>(environment);
            // What a pod on EKS gets from IRSA or Pod Identity, here pointed at the sandbox.
            podEnvironment.put("AWS_ENDPOINT_URL", sandbox.awsEndpoint());
            podEnvironment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            podEnvironment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
            try (OperatorProcess operator = OperatorProcess.start(sandbox.kubeconfig(), operatorNamespace, rendered,
                    podEnvironment, dir)) {
                operator.awaitStarted(PATIENCE);
                takeAnAppThroughItsLife(user(), appNamespace);
                return operator.stop(PATIENCE);
            }
        }

        boolean operatorStartsWithout(RbacGrants.Grant grant) throws Exception {
            OperatorConfig config = OperatorConfig.parse(environment, new String[0]);
            return LeaseRightsCheck.operatorStarts(sandbox.kubeconfig(), operatorNamespace, config, aws,
                    grants.without(grant));
        }

        /** The chart's values that point the operator at the sandbox's AWS and make it poll quickly. */
        private Map<String, Object> sandboxValues(Map<String, Object> chartValues) {
            Map<String, Object> values = new LinkedHashMap<>(chartValues);
            values.put("defaults.cluster", "sandbox");
            values.put("defaults.region", "us-east-1");
            values.put("defaults.subnets[0]", Ec2Api.PRIVATE_SUBNET_A);
            values.put("defaults.subnets[1]", Ec2Api.PRIVATE_SUBNET_B);
            values.put("defaults.securityGroups[0]", Ec2Api.TASKS_SECURITY_GROUP);
            values.put("defaults.listenerArn", listenerArn());
            values.put("defaults.executionRoleArn", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
            values.put("polling.whileConverging", "300ms");
            values.put("polling.whenReady", "2s");
            values.put("polling.jitter", "0");
            return values;
        }

        private String listenerArn() {
            String loadBalancer = aws.elb().describeLoadBalancers(r -> r.names("sandbox-alb")).loadBalancers().get(0)
                    .loadBalancerArn();
            return aws.elb().describeListeners(r -> r.loadBalancerArn(loadBalancer)).listeners().get(0)
                    .listenerArn();
        }

        @Override
        public void close() {
            aws.close();
            sandbox.close();
        }
    }

    private static Map<String, String> environmentOf(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }

    private static void takeAnAppThroughItsLife(KubernetesClient user, String namespace) {
        EcsApp app = Serialization.unmarshal("""
                apiVersion: ecsapp.dev/v1alpha1
                kind: EcsApp
                metadata:
                  name: web
                  namespace: %s
                spec:
                  image: nginx:1.27
                  replicas: 1
                  loadBalancer:
                    pathPatterns: ["/web/*"]
                    healthCheck:
                      intervalSeconds: 10
                      healthyThreshold: 2
                    deregistrationDelaySeconds: 10
                """.formatted(namespace), EcsApp.class);
        user.resource(app).create();
        await().atMost(PATIENCE).until(() -> conditionIsTrue(user, namespace, "Ready"));
        setImage(user, namespace, "nginx:1.28");
        await().atMost(PATIENCE).until(() -> conditionIsTrue(user, namespace, "Ready")
                && "nginx:1.28".equals(get(user, namespace).getStatus().image()));

        // The same refusal twice: the second time the operator raises the count of the Event it wrote the first time.
        setImage(user, namespace, "nginx");
        await().atMost(PATIENCE).until(() -> conditionIsTrue(user, namespace, "Degraded"));
        setImage(user, namespace, "nginx:1.28");
        await().atMost(PATIENCE).until(() -> conditionIsTrue(user, namespace, "Ready"));
        setImage(user, namespace, "nginx");
        await().atMost(PATIENCE).until(() -> user.v1().events().inNamespace(namespace).list().getItems().stream()
                .map(Event::getCount).anyMatch(count -> count != null && count >= 2));
        user.resource(get(user, namespace)).delete();
        await().atMost(PATIENCE).until(() -> get(user, namespace) == null);
    }

    private static EcsApp get(KubernetesClient user, String namespace) {
        return user.resources(EcsApp.class).inNamespace(namespace).withName("web").get();
    }

    private static void setImage(KubernetesClient user, String namespace, String image) {
        user.resources(EcsApp.class).inNamespace(namespace).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"image\":\"" + image + "\"}}");
    }

    private static boolean conditionIsTrue(KubernetesClient user, String namespace, String type) {
        EcsApp app = get(user, namespace);
        return app != null && app.getStatus() != null && app.getStatus().conditions().stream()
                .anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
    }
}
