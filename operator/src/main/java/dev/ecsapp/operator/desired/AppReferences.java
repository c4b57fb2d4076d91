package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.ResolvedSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// Kept apart from the service's network, whose ids are sorted for comparing with AWS: a refusal names the field as
// the user wrote it, index included, and says when a value is the operator's default instead.
/** What an app names in AWS but does not make (subnets, security groups, listener, cluster), and where each is set. */
public record AppReferences(List<Reference> subnets, List<Reference> securityGroups, Optional<Reference> listener,
        Reference cluster) {

    /**
     * One value the app refers to, and where it was set: a spec field ({@code spec.network.subnets[0]}) or, when the
     * app sets none, the operator setting it falls back to ({@code --subnets}).
     */
    public record Reference(String value, String field, boolean fromDefaults) {

        /** The field as a refusal names it: a default says so, as the user cannot find it in the spec. */
        public String source() {
            return fromDefaults ? field + " (the operator's default, as the app sets none)" : field;
        }
    }

    public static AppReferences of(AppInput input) {
        EcsAppSpec spec = input.spec();
        ResolvedSettings settings = input.settings();
        boolean ownSubnets = spec.network() != null && !spec.network().subnets().isEmpty();
        boolean ownGroups = spec.network() != null && !spec.network().securityGroups().isEmpty();
        boolean ownListener = spec.loadBalancer() != null && present(spec.loadBalancer().listenerArn());
        return new AppReferences(
                listed(settings.subnets(), ownSubnets, "spec.network.subnets", "--subnets"),
                listed(settings.securityGroups(), ownGroups, "spec.network.securityGroups", "--security-groups"),
                Optional.ofNullable(settings.listenerArn()).map(arn -> ownListener
                        ? new Reference(arn, "spec.loadBalancer.listenerArn", false)
                        : new Reference(arn, "--listener-arn", true)),
                present(spec.cluster()) ? new Reference(settings.cluster(), "spec.cluster", false)
                        : new Reference(settings.cluster(), "--cluster", true));
    }

    private static List<Reference> listed(List<String> ids, boolean own, String field, String setting) {
        List<Reference> references = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            references.add(own ? new Reference(ids.get(i), field + "[" + i + "]", false)
                    : new Reference(ids.get(i), setting, true));
        }
        return List.copyOf(references);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
