package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The resources the stored CRDs make servable: one {@link Kind} per served version, rebuilt on every CRD write. */
final class CustomKinds {

    private volatile List<Kind> kinds = List.of();

    List<Kind> all() {
        return kinds;
    }

    Optional<Kind> byGroupAndKind(String group, String kind) {
        return kinds.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst();
    }

    void refresh(Collection<? extends JsonNode> crds) {
        List<Kind> next = new ArrayList<>();
        for (JsonNode crd : crds) {
            next.addAll(kindsOf(crd));
        }
        kinds = List.copyOf(next);
    }

    /** The served versions, the preferred (highest priority) first, as discovery lists them. */
    static List<Kind> kindsOf(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> versions = new ArrayList<>();
        spec.path("versions").forEach(v -> {
            if (v.path("served").asBoolean(true)) {
                versions.add(v.path("name").asText());
            }
        });
        List<Kind> kinds = new ArrayList<>();
        for (String versionName : KubernetesVersionPriority.sortByPriority(versions, v -> v)) {
            JsonNode version = null;
            for (JsonNode v : spec.path("versions")) {
                if (v.path("name").asText().equals(versionName)) {
                    version = v;
                }
            }
            kinds.add(kindOf(spec, names, version));
        }
        return kinds;
    }

    private static Kind kindOf(JsonNode spec, JsonNode names, JsonNode version) {
        JsonNode subresources = version.path("subresources");
        JsonNode scale = subresources.get("scale");
        List<Kind.Column> columns = new ArrayList<>();
        version.path("additionalPrinterColumns").forEach(c -> columns.add(new Kind.Column(
                c.path("name").asText(), c.path("type").asText("string"), c.path("format").asText(""),
                c.path("description").asText(""), c.path("priority").asInt(0), c.path("jsonPath").asText())));
        String kind = names.path("kind").asText();
        return new Kind(
                spec.path("group").asText(),
                version.path("name").asText(),
                names.path("plural").asText(),
                names.path("singular").asText(kind.toLowerCase(Locale.ROOT)),
                kind,
                !"Cluster".equals(spec.path("scope").asText()),
                texts(names.path("shortNames")),
                texts(names.path("categories")),
                subresources.has("status"),
                scale == null ? null : new Kind.Scale(scale.path("specReplicasPath").asText(),
                        scale.path("statusReplicasPath").asText(), scale.path("labelSelectorPath").asText(null)),
                true,
                columns,
                version.path("schema").path("openAPIV3Schema"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
