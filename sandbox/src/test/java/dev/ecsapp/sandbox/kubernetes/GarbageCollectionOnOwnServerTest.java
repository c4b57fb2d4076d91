package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ownerReferences garbage collection on the sandbox's own server: background, foreground, orphan. */
class GarbageCollectionOnOwnServerTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(KubernetesApi.Server.OWN);

    @TempDir
    Path dir;

    private KubernetesClient client() {
        return api.client();
    }

    private ConfigMap configMap(String namespace, String name, OwnerReference... owners) {
        return client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).withOwnerReferences(owners).endMetadata().addToData("a", "1").build()).create();
    }

    private ConfigMap configMapWithFinalizer(String namespace, String name, OwnerReference... owners) {
        return client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).withOwnerReferences(owners).withFinalizers("test.ecsapp.dev/hold").endMetadata()
                .build()).create();
    }

    private static OwnerReference ownedBy(HasMetadata owner, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(block).build();
    }

    private ConfigMap cm(String namespace, String name) {
        return client().configMaps().inNamespace(namespace).withName(name).get();
    }

    @Test
    void backgroundDeletesDependentsTransitivelyAfterTheOwner() {
        ConfigMap owner = configMap("default", "owner");
        ConfigMap child = configMap("default", "child", ownedBy(owner, false));
        Secret secret = client().secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                .withName("secret").withOwnerReferences(ownedBy(owner, false)).endMetadata().build()).create();
        configMap("default", "grandchild", ownedBy(child, true));
        configMap("default", "unrelated");

        client().configMaps().inNamespace("default").withName("owner").delete();

        assertThat(cm("default", "owner")).isNull();
        assertThat(cm("default", "child")).isNull();
        assertThat(cm("default", "grandchild")).isNull();
        assertThat(client().secrets().inNamespace("default").withName(secret.getMetadata().getName()).get()).isNull();
        assertThat(cm("default", "unrelated")).isNotNull();
    }

    @Test
    void backgroundWaitsForTheOwnersFinalizersAndDependentsWithFinalizersAreMarked() {
        ConfigMap owner = configMapWithFinalizer("default", "owner");
        configMapWithFinalizer("default", "held", ownedBy(owner, false));

        client().configMaps().inNamespace("default").withName("owner").delete();
        assertThat(cm("default", "owner").getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(cm("default", "held").getMetadata().getDeletionTimestamp()).isNull();

        client().configMaps().inNamespace("default").withName("owner")
                .edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());
        assertThat(cm("default", "owner")).isNull();
        ConfigMap held = cm("default", "held");
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();

        client().configMaps().inNamespace("default").withName("held")
                .edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());
        assertThat(cm("default", "held")).isNull();
    }

    @Test
    void foregroundDeletesBlockingDependentsFirstThenTheOwner() {
        ConfigMap owner = configMap("default", "owner");
        configMapWithFinalizer("default", "blocking", ownedBy(owner, true));
        configMap("default", "loose", ownedBy(owner, false));

        client().configMaps().inNamespace("default").withName("owner")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        ConfigMap waiting = cm("default", "owner");
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(waiting.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(cm("default", "loose")).isNull();
        assertThat(cm("default", "blocking").getMetadata().getDeletionTimestamp()).isNotNull();

        client().configMaps().inNamespace("default").withName("blocking")
                .edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());

        assertThat(cm("default", "blocking")).isNull();
        assertThat(cm("default", "owner")).isNull();
    }

    @Test
    void foregroundWithoutDependentsGoesAtOnceAndIsTransitive() {
        ConfigMap lone = configMap("default", "lone");
        assertThat(lone).isNotNull();
        client().configMaps().inNamespace("default").withName("lone")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        assertThat(cm("default", "lone")).isNull();

        ConfigMap owner = configMap("default", "owner");
        ConfigMap child = configMap("default", "child", ownedBy(owner, true));
        configMapWithFinalizer("default", "grandchild", ownedBy(child, true));

        client().configMaps().inNamespace("default").withName("owner")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        assertThat(cm("default", "child").getMetadata().getFinalizers()).contains("foregroundDeletion");
        assertThat(cm("default", "owner").getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        client().configMaps().inNamespace("default").withName("grandchild")
                .edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());
        assertThat(cm("default", "grandchild")).isNull();
        assertThat(cm("default", "child")).isNull();
        assertThat(cm("default", "owner")).isNull();
    }

    @Test
    void orphanTakesTheOwnerReferenceOutOfEachDependent() {
        ConfigMap owner = configMap("default", "owner");
        ConfigMap other = configMap("default", "other-owner");
        configMap("default", "child", ownedBy(owner, true), ownedBy(other, false));
        configMap("default", "only", ownedBy(owner, false));

        client().configMaps().inNamespace("default").withName("owner")
                .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        assertThat(cm("default", "owner")).isNull();
        assertThat(cm("default", "child").getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getName).containsExactly("other-owner");
        assertThat(cm("default", "only").getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void aDependentWithAnotherLivingOwnerOnlyLosesTheReference() {
        ConfigMap owner = configMap("default", "owner");
        ConfigMap other = configMap("default", "other-owner");
        configMap("default", "child", ownedBy(owner, false), ownedBy(other, false));

        client().configMaps().inNamespace("default").withName("owner").delete();

        assertThat(cm("default", "child").getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getName).containsExactly("other-owner");
        client().configMaps().inNamespace("default").withName("other-owner").delete();
        assertThat(cm("default", "child")).isNull();
    }

    @Test
    void namespacedDependentsOfAClusterScopedOwnerGoAndCrossNamespaceReferencesAreIgnored() {
        ClusterRole role = client().rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
                .withName("owner-role").endMetadata().build()).create();
        configMap("default", "of-role", ownedBy(role, false));
        configMap("other", "of-role", ownedBy(role, false));
        ConfigMap owner = configMap("default", "owner");
        configMap("other", "elsewhere", ownedBy(owner, false));

        client().rbac().clusterRoles().withName("owner-role").delete();
        client().configMaps().inNamespace("default").withName("owner").delete();

        assertThat(cm("default", "of-role")).isNull();
        assertThat(cm("other", "of-role")).isNull();
        assertThat(cm("other", "elsewhere")).isNotNull();
    }

    @Test
    void aCustomResourceOwnerTakesItsConfigMaps() {
        Widget widget = client().resources(Widget.class).resource(Widget.named("default", "w", 1)).create();
        configMap("default", "of-widget", ownedBy(widget, true));

        client().resources(Widget.class).inNamespace("default").withName("w")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        assertThat(cm("default", "of-widget")).isNull();
        assertThat(client().resources(Widget.class).inNamespace("default").withName("w").get()).isNull();
    }

    @Test
    void thePolicyMayComeAsAQueryParameterAndAnUnknownOneIsInvalid() {
        ConfigMap owner = configMap("default", "owner");
        configMap("default", "child", ownedBy(owner, false));
        RawHttp http = new RawHttp(api.api().url());

        HttpResponse<String> unknown = http.send("DELETE",
                "/api/v1/namespaces/default/configmaps/owner?propagationPolicy=Sideways", "application/json", new byte[0]);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(RawHttp.json(unknown).path("message").asText()).contains("propagationPolicy: Unsupported value");

        HttpResponse<String> orphan = http.send("DELETE",
                "/api/v1/namespaces/default/configmaps/owner?propagationPolicy=Orphan", "application/json", new byte[0]);
        assertThat(orphan.statusCode()).as(orphan.body()).isEqualTo(200);
        assertThat(cm("default", "child").getMetadata().getOwnerReferences()).isEmpty();

        ConfigMap second = configMap("default", "second");
        configMap("default", "child2", ownedBy(second, true));
        HttpResponse<String> foreground = http.send("DELETE", "/api/v1/namespaces/default/configmaps/second",
                "application/json", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\"}"
                        .getBytes(StandardCharsets.UTF_8));
        JsonNode answered = RawHttp.json(foreground);
        assertThat(answered.path("metadata").path("name").asText()).isEqualTo("second");
        assertThat(cm("default", "child2")).isNull();
        assertThat(cm("default", "second")).isNull();
    }

    @Test
    void kubectlDeleteCascades() {
        Kubectl kubectl = new Kubectl(api.api().writeKubeconfig(dir.resolve("kubeconfig")), dir);
        for (String cascade : List.of("background", "foreground", "orphan")) {
            ConfigMap owner = configMap("default", "owner-" + cascade);
            configMap("default", "child-" + cascade, ownedBy(owner, true));

            Kubectl.Result result = kubectl.run("delete", "configmap", "owner-" + cascade, "--cascade=" + cascade);

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.out()).contains("configmap \"owner-" + cascade + "\" deleted");
            assertThat(cm("default", "owner-" + cascade)).isNull();
            if (cascade.equals("orphan")) {
                assertThat(cm("default", "child-" + cascade).getMetadata().getOwnerReferences()).isEmpty();
            } else {
                assertThat(cm("default", "child-" + cascade)).as(cascade).isNull();
            }
        }
    }
}
