package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-side apply with the fabric8 client, the way java-operator-sdk patches its primary resource in production. */
class ServerSideApplyOnOwnServerTest {

    @RegisterExtension
    final RunningApi api = RunningApi.withWidgets(KubernetesApi.Server.OWN);

    @Test
    void serverSideApplyCreatesTheObjectWithAnApplyEntry() {
        ConfigMap applied = api.client().resource(configMap(Map.of("a", "1"))).fieldManager("flux").forceConflicts()
                .serverSideApply();

        assertThat(applied.getData()).isEqualTo(Map.of("a", "1"));
        ManagedFieldsEntry entry = applied.getMetadata().getManagedFields().get(0);
        assertThat(entry.getManager()).isEqualTo("flux");
        assertThat(entry.getOperation()).isEqualTo("Apply");
        assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(entry.getFieldsV1().getAdditionalProperties()).isEqualTo(Map.of("f:data", Map.of("f:a", Map.of())));
    }

    @Test
    void anApplyThatChangesNothingKeepsTheResourceVersion() {
        ConfigMap first = api.client().resource(configMap(Map.of("a", "1"))).fieldManager("flux").serverSideApply();

        ConfigMap again = api.client().resource(configMap(Map.of("a", "1"))).fieldManager("flux").serverSideApply();

        assertThat(again.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void anotherManagerConflictsWithoutForceAndTakesTheFieldWithIt() {
        api.client().resource(configMap(Map.of("a", "1"))).fieldManager("flux").serverSideApply();

        assertThatThrownBy(() -> api.client().resource(configMap(Map.of("a", "2"))).fieldManager("argo")
                .serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).isEqualTo(
                            "Apply failed with 1 conflict: conflict with \"flux\" using v1: .data.a");
                });

        ConfigMap forced = api.client().resource(configMap(Map.of("a", "2"))).fieldManager("argo").forceConflicts()
                .serverSideApply();
        assertThat(forced.getData()).isEqualTo(Map.of("a", "2"));
        assertThat(forced.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("argo");
    }

    @Test
    void applyWithoutAFieldManagerIsABadRequest() {
        RawHttp http = new RawHttp(api.api().url());

        HttpResponse<String> response = http.send("PATCH", "/api/v1/namespaces/default/configmaps/settings",
                "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("fieldManager is required for apply");
    }

    @Test
    void theStatusSubresourceTakesTheStatusAloneAndTheFinalizerApplyTheMetadata() {
        Widget widget = api.client().resource(Widget.named("default", "first", 1)).fieldManager("user")
                .serverSideApply();
        Widget finalizer = new Widget();
        finalizer.getMetadata().setName("first");
        finalizer.getMetadata().setNamespace("default");
        finalizer.getMetadata().setFinalizers(List.of("widgets.test.ecsapp.dev/finalizer"));
        api.client().resource(finalizer).fieldManager("operator").forceConflicts().serverSideApply();
        Widget status = Widget.named("default", "first", 99);
        status.setStatus(new Widget.Status());
        status.getStatus().phase = "Ready";

        // As java-operator-sdk patches the status in production (server-side apply, force, its field manager).
        Widget stored = api.client().resource(status).subresource("status").patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("operator").withForce(true).build());

        assertThat(stored.getStatus().phase).isEqualTo("Ready");
        assertThat(stored.getSpec().size).isEqualTo(1);
        assertThat(stored.getMetadata().getFinalizers()).containsExactly("widgets.test.ecsapp.dev/finalizer");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(widget.getMetadata().getGeneration());
        assertThat(stored.getMetadata().getManagedFields())
                .extracting(e -> e.getManager() + " " + e.getOperation() + " " + e.getSubresource())
                .containsExactlyInAnyOrder("user Apply null", "operator Apply null", "operator Apply status");
    }

    @Test
    void anUpdateRecordsAnUpdateEntryForTheFieldsItChanged() {
        api.client().resource(configMap(Map.of("a", "1", "b", "1"))).fieldManager("flux").serverSideApply();

        ConfigMap edited = api.client().configMaps().inNamespace("default").withName("settings").edit(cm -> {
            cm.getData().put("a", "2");
            return cm;
        });

        assertThat(edited.getMetadata().getManagedFields())
                .extracting(e -> e.getManager() + " " + e.getOperation() + " " + e.getFieldsV1()
                        .getAdditionalProperties())
                .containsExactly("flux Apply {f:data={f:b={}}}",
                        "fabric8-kubernetes-client Update {f:data={f:a={}}}");
    }

    @Test
    void aDryRunCreateStoresNothing() {
        api.client().resource(configMap(Map.of("a", "1"))).dryRun().create();

        assertThat(api.client().configMaps().inNamespace("default").withName("settings").get()).isNull();
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default").endMetadata()
                .withData(data).build();
    }
}
