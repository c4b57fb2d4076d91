package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code autoscaling/v1} Scale that the scale subresource shows of an object. */
final class Scales {

    private Scales() {
    }

    static ObjectNode of(Kind kind, JsonNode object) {
        ObjectNode scale = JsonNodeFactory.instance.objectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        scale.putObject("spec").put("replicas", Trees.at(object, kind.scale().specReplicasPath()).asInt(0));
        ObjectNode status = scale.putObject("status")
                .put("replicas", Trees.at(object, kind.scale().statusReplicasPath()).asInt(0));
        if (kind.scale().labelSelectorPath() != null) {
            JsonNode selector = Trees.at(object, kind.scale().labelSelectorPath());
            if (selector.isTextual()) {
                status.put("selector", selector.asText());
            }
        }
        return scale;
    }
}
