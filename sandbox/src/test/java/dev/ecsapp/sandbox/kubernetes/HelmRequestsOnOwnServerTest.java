package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Helm 3 (client-go's typed clients) needs of the own server beyond kubectl: policy/v1 PodDisruptionBudgets (the
 * operator's chart renders one), and its release storage, which writes a Secret per revision in protobuf (create,
 * update without a resourceVersion, list by {@code owner=helm,name=<release>}, delete with protobuf DeleteOptions).
 */
class HelmRequestsOnOwnServerTest {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    @RegisterExtension
    final RunningApi api = RunningApi.empty(KubernetesApi.Server.OWN);

    @Test
    void podDisruptionBudgetsAreServedWithDiscoveryStatusAndGeneration() {
        PodDisruptionBudget created = api.client().resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                .withName("web").withNamespace("default").endMetadata().withNewSpec()
                .withMaxUnavailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .endSpec().build()).create();

        assertThat(created.getMetadata().getGeneration()).isEqualTo(1);
        created.getSpec().setMaxUnavailable(new IntOrString(2));
        PodDisruptionBudget updated = api.client().resource(created).update();
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);
        updated.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                .withCurrentHealthy(1).withDesiredHealthy(1).withExpectedPods(2).withDisruptionsAllowed(0)
                .withObservedGeneration(2L).build());
        PodDisruptionBudget status = api.client().resource(updated).updateStatus();
        assertThat(status.getStatus().getExpectedPods()).isEqualTo(2);
        assertThat(status.getMetadata().getGeneration()).as("a status write is no spec change").isEqualTo(2);
        assertThat(api.client().resources(PodDisruptionBudget.class).inNamespace("default").list().getItems())
                .extracting(p -> p.getSpec().getMaxUnavailable().getIntVal()).containsExactly(2);

        JsonNode discovery = RawHttp.json(http().get("/apis/policy/v1"));
        assertThat(discovery.path("resources").toString()).contains("\"name\":\"poddisruptionbudgets\"")
                .contains("\"name\":\"poddisruptionbudgets/status\"").contains("\"pdb\"");
        assertThat(http().get("/openapi/v3/apis/policy/v1").statusCode()).isEqualTo(200);
    }

    @Test
    void helmsReleaseSecretInProtobufIsCreatedUpdatedListedByLabelsAndDeleted() {
        String path = "/api/v1/namespaces/default/secrets";
        byte[] release = {0x1f, (byte) 0x8b, 0, 1, 2};

        HttpResponse<String> created = http().send("POST", path, PROTOBUF, secret("deployed", release, null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // Helm marks a revision superseded with an update built from scratch: no resourceVersion.
        HttpResponse<String> updated = http().send("PUT", path + "/sh.helm.release.v1.web.v1", PROTOBUF,
                secret("superseded", release, null));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        Secret stored = api.client().secrets().inNamespace("default").withLabels(Map.of("owner", "helm",
                "name", "web")).list().getItems().get(0);
        assertThat(stored.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(stored.getMetadata().getLabels()).containsEntry("status", "superseded")
                .containsEntry("version", "1");
        assertThat(stored.getData()).containsEntry("release", java.util.Base64.getEncoder()
                .encodeToString(release));
        assertThat(stored.getImmutable()).isNull();

        HttpResponse<String> stale = http().send("PUT", path + "/sh.helm.release.v1.web.v1", PROTOBUF,
                secret("deployed", release, "1"));
        assertThat(stale.statusCode()).as("a resourceVersion in the protobuf body is read").isEqualTo(409);

        HttpResponse<String> deleted = http().send("DELETE", path + "/sh.helm.release.v1.web.v1", PROTOBUF,
                deleteOptions("Background"));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(api.client().secrets().inNamespace("default").list().getItems()).isEmpty();
    }

    private RawHttp http() {
        return new RawHttp(api.api().url());
    }

    /** The Secret Helm's storage driver writes for revision 1 of release "web", as client-go encodes it. */
    private static byte[] secret(String status, byte[] release, String resourceVersion) {
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        string(metadata, 1, "sh.helm.release.v1.web.v1");
        if (resourceVersion != null) {
            string(metadata, 6, resourceVersion);
        }
        for (Map.Entry<String, String> label : new java.util.TreeMap<>(Map.of("name", "web", "owner", "helm",
                "status", status, "version", "1")).entrySet()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            string(entry, 1, label.getKey());
            string(entry, 2, label.getValue());
            bytes(metadata, 11, entry.toByteArray());
        }
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        bytes(object, 1, metadata.toByteArray());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        string(data, 1, "release");
        bytes(data, 2, release);
        bytes(object, 2, data.toByteArray());
        string(object, 3, "helm.sh/release.v1");
        return envelope("v1", "Secret", object.toByteArray());
    }

    private static byte[] deleteOptions(String propagation) {
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        string(options, 4, propagation);
        return envelope("v1", "DeleteOptions", options.toByteArray());
    }

    /** kube's {@code k8s\0} magic, then runtime.Unknown: typeMeta 1 (apiVersion 1, kind 2), raw 2. */
    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        ByteArrayOutputStream typeMeta = new ByteArrayOutputStream();
        string(typeMeta, 1, apiVersion);
        string(typeMeta, 2, kind);
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        unknown.writeBytes(new byte[] {'k', '8', 's', 0});
        bytes(unknown, 1, typeMeta.toByteArray());
        bytes(unknown, 2, raw);
        return unknown.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        bytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        varint(out, field << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
