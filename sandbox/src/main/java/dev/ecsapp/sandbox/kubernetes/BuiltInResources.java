package dev.ecsapp.sandbox.kubernetes;

import java.util.List;

/** The built-in kinds the sandbox announces: those the operator, its leader election and kubectl use. */
final class BuiltInResources {

    static final List<ResourceType> ALL = List.of(
            new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), false),
            new ResourceType("", "v1", "pods", "pod", "Pod", true, List.of("po"), false),
            new ResourceType("", "v1", "services", "service", "Service", true, List.of("svc"), false),
            new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), false),
            new ResourceType("", "v1", "secrets", "secret", "Secret", true, List.of(), false),
            new ResourceType("", "v1", "events", "event", "Event", true, List.of("ev"), false),
            new ResourceType("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), false),
            new ResourceType("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), false),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false),
            new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), false),
            new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", false, List.of("crd", "crds"), false));

    private BuiltInResources() {
    }
}
