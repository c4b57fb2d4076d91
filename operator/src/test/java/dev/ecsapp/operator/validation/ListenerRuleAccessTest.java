package dev.ecsapp.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.config.ListenerRulePolicy;
import dev.ecsapp.operator.validation.ListenerRuleAccess.Refusal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerRuleAccessTest {

    private static final ListenerRulePolicy POLICY = new ListenerRulePolicy(List.of("platform", "edge"), hosts(
            "shop.example.com=shop", "*.team.example.com=team|team2", "*.example.com=web", "api.*=api"));

    /** As --host-namespaces spells them. */
    private static Map<String, List<String>> hosts(String... entries) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String entry : entries) {
            kept.put(entry.substring(0, entry.indexOf('=')), Arrays.asList(entry.substring(entry.indexOf('=') + 1)
                    .split("\\|")));
        }
        return kept;
    }

    private static List<String> codes(ListenerRulePolicy policy, String namespace, Integer priority,
            String... hosts) {
        return ListenerRuleAccess.check(policy, namespace, priority, List.of(hosts)).stream().map(Refusal::code)
                .toList();
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
        // the host's narrowest listed pattern decides
        "shop   | shop.example.com        | ''",
        "web    | shop.example.com        | HostNotAllowed",
        "web    | SHOP.Example.com        | HostNotAllowed",
        "team2  | blog.team.example.com   | ''",
        "team   | a*.team.example.com     | ''",
        "web    | api.team.example.com    | HostNotAllowed",
        "web    | blog.example.com        | ''",
        "team   | blog.example.com        | HostNotAllowed",
        // *.example.com (web's) and api.* (api's) both hold it and neither is narrower: both must allow
        "api    | api.example.com         | HostNotAllowed",
        "web    | api.example.com         | HostNotAllowed",
        // hosts within no listed pattern are free, and so is a host wider than a listed one
        "anyone | shop.example.org        | ''",
        "anyone | *.org                   | ''",
        "anyone | *.com                   | ''",
    })
    void aHostWithinAListedPatternIsKeptForItsNamespaces(String namespace, String host, String refused) {
        assertThat(codes(POLICY, namespace, null, host)).isEqualTo(refused.isEmpty() ? List.of() : List.of(refused));
    }

    @ParameterizedTest(name = "priority in {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "platform | ''",
        "edge     | ''",
        "shop     | PriorityNotAllowed",
    })
    void onlyTheListedNamespacesMaySetAPriority(String namespace, String refused) {
        assertThat(codes(POLICY, namespace, 5)).isEqualTo(refused.isEmpty() ? List.of() : List.of(refused));
        assertThat(codes(POLICY, namespace, null)).isEmpty();
    }

    @Test
    void withoutTheSettingsEveryNamespaceMaySetAPriorityAndUseAnyHost() {
        assertThat(codes(ListenerRulePolicy.open(), "anyone", 1, "shop.example.com", "*.example.com")).isEmpty();
    }

    @Test
    void aRefusalNamesTheFieldTheSettingAndWhatToDo() {
        List<Refusal> refusals = ListenerRuleAccess.check(POLICY, "web", 7, List.of("blog.example.com",
                "shop.example.com"));

        assertThat(refusals).extracting(Refusal::field).containsExactly("spec.loadBalancer.priority",
                "spec.loadBalancer.hosts[1]");
        assertThat(refusals.get(0).message()).contains("spec.loadBalancer.priority 7", "--priority-namespaces",
                "ECSAPP_PRIORITY_NAMESPACES", "platform, edge", "in web", "leave it out");
        assertThat(refusals.get(1).message()).startsWith("spec.loadBalancer.hosts[1] \"shop.example.com\"")
                .contains("kept for shop", "--host-namespaces", "ECSAPP_HOST_NAMESPACES", "use another host");
    }
}
