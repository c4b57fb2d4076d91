package dev.ecsapp.operator.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.config.OperatorDefaults;

// After a restart, an equal hash means the step in flight was for the state still wanted.
/** A short hash of everything an app's desired state is computed from, for the intent written before a change. */
public final class SpecHash {

    private static final int HEX_DIGITS = 16;
    /** Sorted keys and properties, so that equal inputs give equal text whatever order maps were filled in. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SpecHash() {
    }

    public static String of(EcsAppSpec spec, OperatorDefaults defaults) {
        try {
            return Sha256.hex(CANONICAL.writeValueAsBytes(new Object[] {spec, defaults}), HEX_DIGITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec is plain data and always serializes", e);
        }
    }
}
