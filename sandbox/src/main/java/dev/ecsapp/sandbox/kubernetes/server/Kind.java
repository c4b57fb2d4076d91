package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One resource the server serves in one group version, with what storage, discovery and tables need to know of it.
 *
 * @param tracksGeneration whether {@code metadata.generation} is kept (custom resources, Deployments; not ConfigMaps)
 * @param scale            the scale subresource's paths, or {@code null}
 * @param columns          the Table columns after NAME; empty gives NAME and AGE
 * @param schema           the CRD version's openAPIV3Schema, or {@code null} for built-ins
 */
record Kind(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean statusSubresource,
        Scale scale,
        boolean tracksGeneration,
        List<Column> columns,
        JsonNode schema) {

    /** The CRD's {@code subresources.scale}: where the replicas and the selector are. */
    record Scale(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    }

    /** An additional printer column: its header, type and the JSONPath that fills it. */
    record Column(String name, String type, String format, String description, int priority, String jsonPath) {
    }

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Where objects of this resource are kept: every served version of a CRD shares one store. */
    String storageKey() {
        return group + "/" + plural;
    }

    /** {@code widgets.test.ecsapp.dev}, {@code configmaps}: how kube-apiserver names the resource in messages. */
    String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** {@code Widget.test.ecsapp.dev}, {@code ConfigMap}: how kube-apiserver names the kind in 422 messages. */
    String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    String listKind() {
        return kind + "List";
    }

    static Kind builtIn(String group, String plural, String kind, boolean namespaced, List<String> shortNames,
            boolean statusSubresource, boolean tracksGeneration) {
        return new Kind(group, "v1", plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced, shortNames,
                List.of(), statusSubresource, null, tracksGeneration, List.of(), null);
    }
}
