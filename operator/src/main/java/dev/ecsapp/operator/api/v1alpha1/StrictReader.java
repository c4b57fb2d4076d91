package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

// The informer's own mapper is lenient where the schema is not ("5000" reads as a port) and strict where an operator
// cannot afford it (one unknown field fails the whole watch). This one takes exactly what the schema takes, and a
// failure is an answer, not an exception.
/** Reads stored JSON into the model as the CRD's schema takes it, or says which field does not fit and why. */
final class StrictReader {

    /** The model value, or why the JSON is not one (exactly one of the two is set). */
    record Reading<T>(T value, Unreadable unreadable) {
    }

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictReader() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A null list item or map value is no value of the item's type: the schema refuses it too.
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** {@code stored} as a {@code type}; {@code root} is its path in the object, e.g. "spec". */
    static <T> Reading<T> read(JsonNode stored, Class<T> type, String root) {
        try {
            return new Reading<>(MAPPER.treeToValue(stored, type), null);
        } catch (JsonMappingException e) {
            return new Reading<>(null, new Unreadable(stored, root + path(e.getPath()), problem(at(stored, e), e)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return new Reading<>(null, new Unreadable(stored, root, e.getMessage()));
        }
    }

    /** spec.env[0].name, spec.tags[team]: the path as the user wrote it. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFrom() instanceof Map<?, ?>) {
                path.append('[').append(reference.getFieldName()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static JsonNode at(JsonNode stored, JsonMappingException e) {
        JsonNode node = stored;
        for (JsonMappingException.Reference reference : e.getPath()) {
            node = reference.getIndex() >= 0 ? node.path(reference.getIndex()) : node.path(reference.getFieldName());
        }
        return node;
    }

    private static String problem(JsonNode found, JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; the fields here are " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType()) + ", got " + describe(found);
        }
        if (e instanceof ValueInstantiationException instantiation
                && IntOrString.class.equals(instantiation.getType().getRawClass())) {
            // IntOrString's creator takes any value and refuses what is neither an integer nor a string.
            return "expected " + expected(IntOrString.class) + ", got " + describe(found);
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> MAPPER.convertValue(c, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String describe(JsonNode found) {
        if (found.isArray()) {
            return "a list";
        }
        if (found.isObject()) {
            return "an object";
        }
        // Text quoted, numbers, true, false and null as they are.
        return found.isMissingNode() ? "nothing" : found.toString();
    }
}
