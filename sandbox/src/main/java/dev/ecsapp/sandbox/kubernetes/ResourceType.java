package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import java.util.ArrayList;
import java.util.List;

/** One kind of object the API server serves, with what discovery says about it. */
record ResourceType(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        boolean hasStatusSubresource) {

    /** What the CRUD store can do with every resource; kubectl and client-go pick operations from this list. */
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource itself and, when it has one, its {@code /status} subresource. */
    List<APIResource> apiResources() {
        List<APIResource> resources = new ArrayList<>();
        resources.add(new APIResourceBuilder()
                .withName(plural)
                .withSingularName(singular)
                .withKind(kind)
                .withNamespaced(namespaced)
                .withShortNames(shortNames)
                .withVerbs(VERBS)
                .build());
        if (hasStatusSubresource) {
            resources.add(new APIResourceBuilder()
                    .withName(plural + "/status")
                    .withSingularName("")
                    .withKind(kind)
                    .withNamespaced(namespaced)
                    .withVerbs(STATUS_VERBS)
                    .build());
        }
        return resources;
    }
}
