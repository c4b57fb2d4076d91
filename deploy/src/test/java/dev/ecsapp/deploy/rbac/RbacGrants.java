package dev.ecsapp.deploy.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a set of manifests lets one service account do, decided as Kubernetes' RBAC authorizer decides: the rules of
 * the roles its ClusterRoleBindings (everywhere) and RoleBindings (in their namespace) refer to. Each rule is split into
 * one grant per (group, resource, verb) it names, which allows the same and lets a test take away one at a time.
 */
public final class RbacGrants {

    private static final String ANY = "*";

    /**
     * One verb on one resource.
     *
     * @param namespace     where it holds; null: in every namespace and for cluster-scoped resources
     * @param resourceNames empty: any object
     */
    public record Grant(String namespace, String apiGroup, String resource, String verb, List<String> resourceNames) {

        public boolean covers(ApiRequest request) {
            if (!request.isResourceRequest() || namespace != null && !namespace.equals(request.namespace())) {
                return false;
            }
            return named(apiGroup, request.apiGroup()) && named(resource, request.resource())
                    && named(verb, request.verb()) && (resourceNames.isEmpty()
                    || request.name() != null && resourceNames.contains(request.name()));
        }

        PolicyRule asRule() {
            return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resource).withVerbs(verb)
                    .withResourceNames(resourceNames).build();
        }

        @Override
        public String toString() {
            return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                    + (resourceNames.isEmpty() ? "" : " named " + resourceNames)
                    + (namespace == null ? " cluster-wide" : " in " + namespace);
        }

        private static boolean named(String granted, String requested) {
            return granted.equals(ANY) || granted.equals(requested);
        }
    }

    private final List<Grant> grants;

    private RbacGrants(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public static RbacGrants forServiceAccount(List<HasMetadata> manifests, String namespace, String name) {
        List<Grant> grants = new ArrayList<>();
        for (HasMetadata object : manifests) {
            if (object instanceof ClusterRoleBinding binding && boundTo(binding.getSubjects(), namespace, name)) {
                rulesOf(manifests, binding.getRoleRef(), null).forEach(rule -> split(null, rule, grants));
            } else if (object instanceof RoleBinding binding && boundTo(binding.getSubjects(), namespace, name)) {
                String scope = binding.getMetadata().getNamespace();
                rulesOf(manifests, binding.getRoleRef(), scope).forEach(rule -> split(scope, rule, grants));
            }
        }
        return new RbacGrants(grants);
    }

    public List<Grant> grants() {
        return grants;
    }

    public boolean allows(ApiRequest request) {
        return grants.stream().anyMatch(grant -> grant.covers(request));
    }

    public RbacGrants without(Grant taken) {
        return new RbacGrants(grants.stream().filter(grant -> !grant.equals(taken)).toList());
    }

    /** The rules that hold in a namespace, as a SelfSubjectRulesReview for it lists them. */
    public List<PolicyRule> rulesIn(String namespace) {
        return grants.stream().filter(g -> g.namespace() == null || g.namespace().equals(namespace))
                .map(Grant::asRule).toList();
    }

    private static void split(String namespace, PolicyRule rule, List<Grant> into) {
        if (!rule.getNonResourceURLs().isEmpty()) {
            throw new IllegalArgumentException("a rule for non-resource URLs: " + rule);
        }
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    into.add(new Grant(namespace, group, resource, verb, List.copyOf(rule.getResourceNames())));
                }
            }
        }
    }

    private static boolean boundTo(List<Subject> subjects, String namespace, String name) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && name.equals(s.getName()) && namespace.equals(s.getNamespace()));
    }

    /** A binding to a role that is not in the manifests grants nothing, as on a real server. */
    private static List<PolicyRule> rulesOf(List<HasMetadata> manifests, RoleRef ref, String bindingNamespace) {
        for (HasMetadata object : manifests) {
            if (!object.getMetadata().getName().equals(ref.getName()) || !object.getKind().equals(ref.getKind())) {
                continue;
            }
            if (object instanceof ClusterRole role) {
                return role.getRules();
            }
            if (object instanceof Role role && Objects.equals(role.getMetadata().getNamespace(), bindingNamespace)) {
                return role.getRules();
            }
        }
        return List.of();
    }
}
