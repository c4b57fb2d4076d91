package dev.ecsapp.sandbox.kubernetes.server;

import java.util.List;

/** The built-in kinds the server stores: those the operator, its leader election, kubectl and Helm charts use. */
final class BuiltInKinds {

    static final Kind NAMESPACE = Kind.builtIn("", "namespaces", "Namespace", false, List.of("ns"), true, false);
    static final Kind CRD = Kind.builtIn("apiextensions.k8s.io", "customresourcedefinitions",
            "CustomResourceDefinition", false, List.of("crd", "crds"), true, true);
    static final Kind DEPLOYMENT = new Kind("apps", "v1", "deployments", "deployment", "Deployment", true,
            List.of("deploy"), List.of("all"), true,
            new Kind.Scale(".spec.replicas", ".status.replicas", ".status.selector"), true, List.of(), null);

    static final List<Kind> ALL = List.of(
            NAMESPACE,
            Kind.builtIn("", "configmaps", "ConfigMap", true, List.of("cm"), false, false),
            Kind.builtIn("", "secrets", "Secret", true, List.of(), false, false),
            Kind.builtIn("", "serviceaccounts", "ServiceAccount", true, List.of("sa"), false, false),
            // Served so that kubectl get pods, get all and Helm's waits find the kind; no kubelet runs them, so a pod
            // stays as created, with no status.
            new Kind("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of("all"), true, null, false,
                    List.of(), null),
            new Kind("", "v1", "services", "service", "Service", true, List.of("svc"), List.of("all"), true, null,
                    false, List.of(), null),
            Kind.builtIn("", "events", "Event", true, List.of("ev"), false, false),
            Kind.builtIn("coordination.k8s.io", "leases", "Lease", true, List.of(), false, false),
            DEPLOYMENT,
            // Helm charts ship one with the Deployment (the operator's chart does by default); status, generation
            // and the eviction rules' inputs are kept, nothing evicts.
            Kind.builtIn("policy", "poddisruptionbudgets", "PodDisruptionBudget", true, List.of("pdb"), true, true),
            Kind.builtIn("rbac.authorization.k8s.io", "roles", "Role", true, List.of(), false, false),
            Kind.builtIn("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false, List.of(), false, false),
            Kind.builtIn("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true, List.of(), false, false),
            Kind.builtIn("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false, List.of(),
                    false, false),
            CRD);

    private BuiltInKinds() {
    }
}
