package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.http.HealthEndpoints;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The chart rendered with its default values, as `helm install` with no values would install it. */
class ChartDefaultsTest {

    /** Read by the JVM itself, not by the operator's settings. */
    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    private static final List<HasMetadata> OBJECTS = OperatorChart.render();
    private static final OperatorPod POD = OperatorPod.in(OBJECTS);

    @Test
    void everyObjectParsesAndIsOfAKindTheDefaultInstallNeeds() {
        assertThat(OBJECTS).extracting(HasMetadata::getKind).containsOnly("ServiceAccount", "ClusterRole",
                "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service", "PodDisruptionBudget");
        assertThat(Manifests.ofKind(OBJECTS, ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("ecsapp-operator", "ecsapp-operator-edit", "ecsapp-operator-view");
    }

    @Test
    void namespacedObjectsAreInTheReleaseNamespace() {
        assertThat(OBJECTS).filteredOn(o -> !o.getKind().startsWith("Cluster"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind())
                        .isEqualTo(OperatorChart.NAMESPACE));
    }

    @Test
    void labelsCarryNothingHelmSpecificSoTheKustomizeBaseCanBeTheSameObjects() {
        assertThat(OBJECTS).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .doesNotContainKeys("helm.sh/chart", "app.kubernetes.io/managed-by")
                .containsEntry("app.kubernetes.io/name", "ecsapp-operator"));
    }

    @Test
    void twoReplicasRunWithLeaderElectionOn() throws Exception {
        assertThat(POD.deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(config().leaderElection()).isTrue();
    }

    @Test
    void theImageIsTheChartsAppVersionFromTheDefaultRepository() throws IOException {
        JsonNode chart = new YAMLMapper().readTree(OperatorChart.dir().resolve("Chart.yaml").toFile());
        JsonNode values = new YAMLMapper().readTree(OperatorChart.dir().resolve("values.yaml").toFile());

        assertThat(POD.container().getImage()).isEqualTo(values.path("image").path("repository").asText() + ":"
                + chart.path("appVersion").asText());
    }

    @Test
    void everyEnvironmentVariableIsOneTheOperatorOrTheJvmReads() {
        Set<String> known = new HashSet<>(OperatorConfig.environmentVariables());
        known.add(JVM_OPTIONS);

        assertThat(POD.container().getEnv()).extracting(e -> e.getName()).isNotEmpty().allMatch(known::contains,
                "read by OperatorConfig (" + OperatorConfig.environmentVariables() + ") or the JVM");
    }

    @Test
    void theOperatorAcceptsTheEnvironmentAndServesOnTheContainerPort() throws Exception {
        OperatorConfig config = config();

        assertThat(POD.container().getPorts()).singleElement().satisfies(port ->
                assertThat(port.getContainerPort()).isEqualTo(config.metricsPort()));
    }

    @Test
    void theProbesAskTheOperatorsHealthEndpointsOnItsPort() throws Exception {
        Probe liveness = POD.container().getLivenessProbe();
        Probe readiness = POD.container().getReadinessProbe();
        int port = config().metricsPort();
        assertThat(POD.portNumber(liveness.getHttpGet().getPort())).isEqualTo(port);
        assertThat(POD.portNumber(readiness.getHttpGet().getPort())).isEqualTo(port);

        AtomicBoolean ready = new AtomicBoolean(false);
        HealthEndpoints endpoints = new HealthEndpoints("127.0.0.1", 0, ready::get, () -> "");
        try {
            String base = "http://127.0.0.1:" + endpoints.port();
            assertThat(status(base + liveness.getHttpGet().getPath())).as("liveness while starting").isEqualTo(200);
            assertThat(status(base + readiness.getHttpGet().getPath())).as("readiness while starting").isEqualTo(503);
            ready.set(true);
            assertThat(status(base + readiness.getHttpGet().getPath())).as("readiness once started").isEqualTo(200);
        } finally {
            endpoints.close();
        }
    }

    @Test
    void thePodRunsUnprivilegedOnAReadOnlyRootWithAWritableTmp() {
        PodSecurityContext pod = POD.spec().getSecurityContext();
        SecurityContext container = POD.container().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isPositive();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);

        VolumeMount tmp = POD.container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow();
        Volume volume = POD.spec().getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                .orElseThrow();
        assertThat(volume.getEmptyDir()).isNotNull();
    }

    @Test
    void theContainerHasRequestsAndLimits() {
        Container container = POD.container();
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void theServiceAccountCarriesNoRoleAnnotationUntilOneIsGiven() {
        ServiceAccount account = Manifests.only(OBJECTS, ServiceAccount.class);

        assertThat(POD.spec().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theMetricsServiceAndTheDisruptionBudgetSelectTheOperatorPods() {
        Map<String, String> podLabels = POD.deployment().getSpec().getTemplate().getMetadata().getLabels();
        Service service = Manifests.only(OBJECTS, Service.class);
        PodDisruptionBudget budget = Manifests.only(OBJECTS, PodDisruptionBudget.class);

        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(POD.deployment().getSpec().getSelector().getMatchLabels());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(POD.portNumber(port.getTargetPort())).isEqualTo(POD.container().getPorts().get(0)
                .getContainerPort());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void noRoleUsesAWildcard() {
        List<PolicyRule> rules = new ArrayList<>();
        Manifests.ofKind(OBJECTS, ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
        Manifests.ofKind(OBJECTS, Role.class).forEach(r -> rules.addAll(r.getRules()));

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).noneMatch(r -> r.equals("*") || r.startsWith("*/"));
            assertThat(rule.getVerbs()).doesNotContain("*");
        });
    }

    private static OperatorConfig config() throws OperatorConfig.BadSetting {
        return OperatorConfig.parse(POD.environment(), new String[0]);
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
