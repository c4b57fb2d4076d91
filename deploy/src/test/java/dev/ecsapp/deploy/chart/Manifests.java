package dev.ecsapp.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Multi-document YAML read as Kubernetes objects, and ways to pick among them. */
public final class Manifests {

    private Manifests() {
    }

    /** Every object in the YAML, each as its fabric8 model class (unknown kinds as generic resources). */
    public static List<HasMetadata> parse(String yaml) {
        Object parsed = Serialization.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        collect(parsed, objects);
        return objects;
    }

    private static void collect(Object parsed, List<HasMetadata> into) {
        if (parsed instanceof KubernetesResourceList<?> list) {
            list.getItems().forEach(item -> collect(item, into));
        } else if (parsed instanceof List<?> documents) {
            documents.forEach(document -> collect(document, into));
        } else if (parsed instanceof HasMetadata object) {
            into.add(object);
        } else if (parsed != null) {
            throw new IllegalArgumentException("not a Kubernetes object: " + parsed);
        }
    }

    public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = ofKind(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The objects as JSON trees keyed by apiVersion, kind, namespace and name: comparable whatever their order. */
    public static Map<String, JsonNode> byIdentity(List<HasMetadata> objects) {
        Map<String, JsonNode> trees = new TreeMap<>();
        for (HasMetadata object : objects) {
            String key = object.getApiVersion() + " " + object.getKind() + " "
                    + Optional.ofNullable(object.getMetadata().getNamespace()).orElse("-") + "/"
                    + object.getMetadata().getName();
            if (trees.put(key, Serialization.jsonMapper().valueToTree(object)) != null) {
                throw new AssertionError("two objects are " + key);
            }
        }
        return trees;
    }
}
