package dev.ecsapp.operator.desired;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.config.ResolvedSettings;
import java.util.Map;

/** Everything the desired state of one app is computed from; the validator has accepted the spec. */
public record AppInput(AppIdentity id, EcsAppSpec spec, ResolvedSettings settings) {

    public static AppInput of(AppIdentity id, EcsAppSpec spec, OperatorDefaults defaults) {
        return new AppInput(id, spec, ResolvedSettings.of(spec, defaults));
    }

    public ResourceNames names() {
        return new ResourceNames(id);
    }

    /** The tags every resource of the app carries. */
    public Map<String, String> tags() {
        return Ownership.tags(id, spec.tags());
    }
}
