package dev.ecsapp.operator.validation;

import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.desired.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

// A host is kept by a listed pattern when every host it matches is one the pattern matches (shop.example.com and
// a*.team.example.com are within *.team.example.com). A wider one (*.example.com) is free: rules are ordered by
// specificity, so it is evaluated after the narrower rules of the namespaces the host is kept for and cannot take
// their requests. When several listed patterns hold a host, the narrowest decide, as the narrowest rule wins on the
// listener: with *.example.com=web and shop.example.com=shop, shop.example.com is shop's.
/** The operator's limits on who may set a listener rule's priority and use a host, applied to one app. */
public final class ListenerRuleAccess {

    /** One refused value: the AwsFailure code, the field, and a message naming the setting and what to do. */
    public record Refusal(String code, String field, String message) {
    }

    private ListenerRuleAccess() {
    }

    /**
     * @param priority the app's spec.loadBalancer.priority, or null
     * @param hosts    the app's spec.loadBalancer.hosts, in the spec's order
     */
    public static List<Refusal> check(ListenerRulePolicy policy, String namespace, Integer priority,
            List<String> hosts) {
        List<Refusal> refusals = new ArrayList<>();
        if (priority != null && !policy.priorityNamespaces().isEmpty()
                && !policy.priorityNamespaces().contains(namespace)) {
            refusals.add(new Refusal("PriorityNotAllowed", "spec.loadBalancer.priority", "spec.loadBalancer.priority "
                    + priority + ": only apps in " + String.join(", ", policy.priorityNamespaces()) + " may choose "
                    + "their rule's priority (the operator's --priority-namespaces, ECSAPP_PRIORITY_NAMESPACES), and "
                    + "this app is in " + namespace + "; leave it out to get one by the specificity of the paths and "
                    + "hosts, or ask the operator's administrators to add " + namespace));
        }
        for (int i = 0; i < hosts.size(); i++) {
            String field = "spec.loadBalancer.hosts[" + i + "]";
            for (Map.Entry<String, List<String>> kept : narrowestHolding(policy.hostNamespaces(),
                    hosts.get(i).toLowerCase(Locale.ROOT))) {
                if (!kept.getValue().contains(namespace)) {
                    refusals.add(new Refusal("HostNotAllowed", field, field + " \"" + hosts.get(i) + "\" is kept for "
                            + String.join(", ", kept.getValue()) + " by " + kept.getKey() + " in the operator's "
                            + "--host-namespaces (ECSAPP_HOST_NAMESPACES), and this app is in " + namespace
                            + "; use another host, or ask the operator's administrators to add " + namespace + " to "
                            + kept.getKey()));
                    break;
                }
            }
        }
        return refusals;
    }

    /** The listed patterns that hold the host and hold no narrower listed pattern that also holds it. */
    private static List<Map.Entry<String, List<String>>> narrowestHolding(Map<String, List<String>> kept,
            String host) {
        List<Map.Entry<String, List<String>>> holding = kept.entrySet().stream()
                .filter(entry -> Wildcards.covers(entry.getKey(), host)).toList();
        return holding.stream().filter(entry -> holding.stream().noneMatch(narrower -> narrower != entry
                && Wildcards.covers(entry.getKey(), narrower.getKey())
                && !Wildcards.covers(narrower.getKey(), entry.getKey()))).toList();
    }
}
