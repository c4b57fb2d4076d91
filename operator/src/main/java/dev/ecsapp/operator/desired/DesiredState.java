package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.OperatorDefaults;
import java.util.Optional;

/**
 * Every AWS resource one app needs, and what it names in AWS without making it, computed from its spec and the
 * operator's defaults alone.
 */
public record DesiredState(
        Optional<DesiredRepository> repository,
        DesiredLogGroup logGroup,
        DesiredTaskDefinition taskDefinition,
        DesiredService service,
        Optional<DesiredTargetGroup> targetGroup,
        Optional<DesiredListenerRule> listenerRule,
        Optional<DesiredScaling> scaling,
        AppReferences references) {

    /** Expects a spec that {@code EcsAppValidator} accepted with the same defaults. */
    public static DesiredState of(AppIdentity id, EcsAppSpec spec, OperatorDefaults defaults) {
        AppInput input = AppInput.of(id, spec, defaults);
        return new DesiredState(
                DesiredRepository.of(input),
                DesiredLogGroup.of(input),
                DesiredTaskDefinition.of(input),
                DesiredService.of(input),
                DesiredTargetGroup.of(input),
                DesiredListenerRule.of(input),
                DesiredScaling.of(input),
                AppReferences.of(input));
    }
}
