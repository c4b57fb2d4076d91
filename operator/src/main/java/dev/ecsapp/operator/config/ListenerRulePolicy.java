package dev.ecsapp.operator.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

// validation/ListenerRuleAccess applies it; here it is only the settings' values.
/**
 * Which namespaces may shape the listener's rules beyond paths: choose a priority, or use a host kept for them.
 *
 * @param priorityNamespaces the namespaces whose apps may set spec.loadBalancer.priority; empty means every one
 * @param hostNamespaces     host pattern (lower case) to the namespaces whose apps alone may use a host within it;
 *                           hosts within no listed pattern are free
 */
public record ListenerRulePolicy(List<String> priorityNamespaces, Map<String, List<String>> hostNamespaces) {

    public ListenerRulePolicy {
        priorityNamespaces = List.copyOf(priorityNamespaces);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        hostNamespaces.forEach((host, namespaces) -> copy.put(host, List.copyOf(namespaces)));
        hostNamespaces = Collections.unmodifiableMap(copy);
    }

    /** Any namespace may set a priority and use any host: the operator's default. */
    public static ListenerRulePolicy open() {
        return new ListenerRulePolicy(List.of(), Map.of());
    }
}
