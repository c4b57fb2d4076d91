package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the discovery documents that kubectl and client-go read before anything else. */
final class Discovery {

    /** The Kubernetes version the sandbox claims: the kubectl on the machine image is 1.32, within its skew. */
    private static final Map<String, String> VERSION = Map.of(
            "major", "1",
            "minor", "32",
            "gitVersion", "v1.32.0-sandbox",
            "gitCommit", "",
            "gitTreeState", "clean",
            "buildDate", "1970-01-01T00:00:00Z",
            "goVersion", "",
            "compiler", "",
            "platform", "java");

    private final Supplier<List<ResourceType>> customTypes;

    Discovery(Supplier<List<ResourceType>> customTypes) {
        this.customTypes = customTypes;
    }

    Map<String, String> version() {
        return VERSION;
    }

    APIVersions coreVersions() {
        return new APIVersionsBuilder().withVersions("v1").build();
    }

    APIGroupList groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (ResourceType type : servedTypes()) {
            if (!type.group().isEmpty()) {
                List<String> versions = versionsByGroup.computeIfAbsent(type.group(), group -> new ArrayList<>());
                if (!versions.contains(type.version())) {
                    versions.add(type.version());
                }
            }
        }
        List<APIGroup> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> groups.add(group(group, versions)));
        return new APIGroupListBuilder().withGroups(groups).build();
    }

    /** The resources of one group version ({@code v1} for the core group), or empty when nothing serves it. */
    Optional<APIResourceList> resources(String groupVersion) {
        List<ResourceType> types = servedTypes().stream()
                .filter(type -> type.groupVersion().equals(groupVersion))
                .toList();
        if (types.isEmpty()) {
            return Optional.empty();
        }
        APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
        types.forEach(type -> list.addAllToResources(type.apiResources()));
        return Optional.of(list.build());
    }

    private List<ResourceType> servedTypes() {
        List<ResourceType> types = new ArrayList<>(BuiltInResources.ALL);
        types.addAll(customTypes.get());
        return types;
    }

    private static APIGroup group(String name, List<String> versions) {
        List<GroupVersionForDiscovery> groupVersions = KubernetesVersionPriority.sortByPriority(versions, v -> v)
                .stream()
                .map(version -> new GroupVersionForDiscovery(name + "/" + version, version))
                .toList();
        return new APIGroupBuilder()
                .withName(name)
                .withVersions(groupVersions)
                .withPreferredVersion(groupVersions.get(0))
                .build();
    }
}
