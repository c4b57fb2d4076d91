package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.config.OperatorConfig;
import dev.ecsapp.operator.config.OperatorDefaults;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart rendered with every value set (src/test/resources/chart/every-value.yaml). */
class ChartEveryValueTest {

    private static final List<HasMetadata> OBJECTS = OperatorChart.render(RepositoryFiles.deploy()
            .resolve("src/test/resources/chart/every-value.yaml"));
    private static final OperatorPod POD = OperatorPod.in(OBJECTS);

    @Test
    void theOperatorReadsEveryDefaultAndSettingAsGiven() throws Exception {
        OperatorConfig config = OperatorConfig.parse(POD.environment(), new String[0]);

        assertThat(config.defaults()).isEqualTo(new OperatorDefaults("production", "eu-west-1",
                List.of("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"), List.of("sg-0123456789abcdef0"),
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/"
                        + "f2f7dc8efc522ab2",
                "arn:aws:iam::123456789012:role/ecsapp-execution", "arn:aws:iam::123456789012:role/ecsapp-task"));
        assertThat(config.pollWhileConverging()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pollWhenReady()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.fullResync()).isEqualTo(Duration.ofHours(2));
        assertThat(config.keepTaskDefinitions()).isEqualTo(25);
        assertThat(config.pollJitter()).isEqualTo(0.3);
        assertThat(config.serverSideApply()).isFalse();
        assertThat(config.metricsPort()).isEqualTo(9090);
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.namespaces()).containsExactly("shop", "payments");
        assertThat(config.listenerRules()).isEqualTo(new ListenerRulePolicy(List.of("platform", "edge"), Map.of(
                "*.team.example.com", List.of("team", "team2"), "shop.example.com", List.of("shop"))));
    }

    @Test
    void everyVariableTheOperatorReadsHasAValue() {
        List<String> setByTheChart = POD.container().getEnv().stream().map(EnvVar::getName)
                .filter(name -> !name.equals("JAVA_TOOL_OPTIONS") && !name.equals("HTTPS_PROXY")).toList();

        assertThat(setByTheChart).containsExactlyInAnyOrderElementsOf(OperatorConfig.environmentVariables());
        assertThat(POD.environment()).containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("HTTPS_PROXY", "http://proxy.internal:3128");
    }

    @Test
    void oneReplicaWithoutLeaderElectionHasNoLeaseRoleAndNoDisruptionBudget() {
        assertThat(POD.deployment().getSpec().getReplicas()).isEqualTo(1);
        assertThat(OBJECTS).extracting(HasMetadata::getKind).doesNotContain("PodDisruptionBudget");
        assertThat(Manifests.ofKind(OBJECTS, Role.class)).noneMatch(role -> role.getRules().stream()
                .anyMatch(rule -> rule.getResources().contains("leases")));
    }

    @Test
    void watchedNamespacesGetARoleEachAndNoClusterRole() {
        assertThat(Manifests.ofKind(OBJECTS, ClusterRole.class)).isEmpty();
        assertThat(Manifests.ofKind(OBJECTS, Role.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("shop", "payments");
        assertThat(Manifests.ofKind(OBJECTS, RoleBinding.class)).allSatisfy(binding ->
                assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                    assertThat(subject.getName()).isEqualTo("ecsapp-operator");
                    assertThat(subject.getNamespace()).isEqualTo(OperatorChart.NAMESPACE);
                }));
    }

    @Test
    void theServiceAccountCarriesTheIrsaRole() {
        assertThat(Manifests.only(OBJECTS, ServiceAccount.class).getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/ecsapp-operator");
    }

    @Test
    void theServiceMonitorScrapesTheMetricsPathThroughTheService() {
        Service service = Manifests.only(OBJECTS, Service.class);
        GenericKubernetesResource monitor = Manifests.ofKind(OBJECTS, GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(
                monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", service.getSpec().getPorts().get(0).getName())
                    .containsEntry("path", "/metrics").containsEntry("interval", "15s")
                    .containsEntry("scrapeTimeout", "10s");
        });
        assertThat(POD.portNumber(service.getSpec().getPorts().get(0).getTargetPort())).isEqualTo(9090);
    }

    @Test
    void theImageAndPodPlacementAreAsGiven() {
        assertThat(POD.container().getImage())
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecsapp-operator:1.4.2");
        assertThat(POD.container().getImagePullPolicy()).isEqualTo("Always");
        assertThat(POD.spec().getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry");
        assertThat(POD.spec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(POD.spec().getPriorityClassName()).isEqualTo("system-cluster-critical");
    }
}
