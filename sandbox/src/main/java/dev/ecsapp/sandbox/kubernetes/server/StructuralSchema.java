package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A CRD version's structural schema, compiled once (patterns and CEL rules included), that prunes unknown fields,
 * applies defaults and validates an object as kube-apiserver's apiextensions does, with its messages.
 *
 * <p>A walk changes the tree it is given (a copy the caller owns): unknown fields and nulls of fields that are not
 * nullable go, defaults come in, then each value is checked and the CEL rules run on the defaulted value.
 */
final class StructuralSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Kept at the root and in embedded resources without a schema of their own; ObjectMeta is checked elsewhere. */
    private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    /** What one walk found: the refusals and the unknown fields it pruned (paths such as {@code spec.colour}). */
    static final class Findings {
        final List<Statuses.Cause> causes = new ArrayList<>();
        final List<String> unknownFields = new ArrayList<>();
    }

    private final String type;
    private final boolean intOrString;
    private final boolean preserveUnknownFields;
    private final boolean embeddedResource;
    private final boolean nullable;
    private final Map<String, StructuralSchema> properties;
    private final StructuralSchema additionalProperties;
    private final StructuralSchema items;
    private final List<String> required;
    private final List<JsonNode> enumValues;
    private final Pattern pattern;
    private final String patternText;
    private final String format;
    private final Double minimum;
    private final Double maximum;
    private final boolean exclusiveMinimum;
    private final boolean exclusiveMaximum;
    private final Integer minLength;
    private final Integer maxLength;
    private final Integer minItems;
    private final Integer maxItems;
    private final Integer minProperties;
    private final Integer maxProperties;
    private final JsonNode defaultValue;
    private final List<CelRule> rules;

    private StructuralSchema(JsonNode s) {
        type = s.path("type").asText(null);
        intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        preserveUnknownFields = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        embeddedResource = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        nullable = s.path("nullable").asBoolean(false);
        Map<String, StructuralSchema> props = new LinkedHashMap<>();
        s.path("properties").properties().forEach(e -> props.put(e.getKey(), new StructuralSchema(e.getValue())));
        properties = Map.copyOf(props);
        JsonNode additional = s.get("additionalProperties");
        additionalProperties = additional != null && additional.isObject() ? new StructuralSchema(additional)
                : additional != null && additional.asBoolean(false) ? new StructuralSchema(
                        JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true)) : null;
        items = s.has("items") ? new StructuralSchema(s.get("items")) : null;
        List<String> req = new ArrayList<>();
        s.path("required").forEach(r -> req.add(r.asText()));
        required = List.copyOf(req);
        List<JsonNode> values = new ArrayList<>();
        s.path("enum").forEach(values::add);
        enumValues = List.copyOf(values);
        patternText = s.path("pattern").asText(null);
        pattern = patternText == null ? null : Pattern.compile(patternText);
        format = s.path("format").asText(null);
        minimum = s.has("minimum") ? s.get("minimum").asDouble() : null;
        maximum = s.has("maximum") ? s.get("maximum").asDouble() : null;
        exclusiveMinimum = s.path("exclusiveMinimum").asBoolean(false);
        exclusiveMaximum = s.path("exclusiveMaximum").asBoolean(false);
        minLength = integer(s, "minLength");
        maxLength = integer(s, "maxLength");
        minItems = integer(s, "minItems");
        maxItems = integer(s, "maxItems");
        minProperties = integer(s, "minProperties");
        maxProperties = integer(s, "maxProperties");
        defaultValue = s.get("default");
        List<CelRule> compiled = new ArrayList<>();
        s.path("x-kubernetes-validations").forEach(rule -> compiled.add(CelRule.compile(rule)));
        rules = List.copyOf(compiled);
    }

    /** Compiles a CRD version's {@code openAPIV3Schema}; an invalid rule or pattern throws. */
    static StructuralSchema compile(JsonNode openApiV3Schema) {
        return new StructuralSchema(openApiV3Schema);
    }

    /**
     * Prunes, defaults and validates the top-level fields of {@code object} named in {@code fields} (spec, status...),
     * with the root's CEL rules when {@code rootRules}. {@code old} is the stored object on an update, else null.
     */
    void walkRoot(ObjectNode object, JsonNode old, Predicate<String> fields, boolean rootRules, Findings findings) {
        for (String name : new ArrayList<>(iterableNames(object))) {
            if (OBJECT_FIELDS.contains(name) || !fields.test(name)) {
                continue;
            }
            StructuralSchema child = properties.get(name);
            if (child == null && !preserveUnknownFields) {
                findings.unknownFields.add(name);
                object.remove(name);
            } else if (child != null && object.get(name).isNull() && !child.nullable) {
                object.remove(name);
            }
        }
        for (Map.Entry<String, StructuralSchema> property : properties.entrySet()) {
            String name = property.getKey();
            if (!fields.test(name) || OBJECT_FIELDS.contains(name)) {
                continue;
            }
            if (!object.has(name) && property.getValue().defaultValue != null) {
                object.set(name, property.getValue().defaultValue.deepCopy());
            }
            if (object.has(name)) {
                object.set(name, property.getValue().walk(object.get(name), child(old, name), name, findings));
            }
        }
        for (String name : required) {
            if (fields.test(name) && !object.has(name)) {
                findings.causes.add(new Statuses.Cause("FieldValueRequired", name, "Required value"));
            }
        }
        if (rootRules) {
            runRules(object, old, "", findings);
        }
    }

    /** The value at {@code path} after pruning and defaults below it; refusals go to {@code findings}. */
    private JsonNode walk(JsonNode value, JsonNode old, String path, Findings findings) {
        if (value.isNull()) {
            if (!nullable) {
                findings.causes.add(typeInvalid(path, "null", type == null ? "object" : type));
            }
            return value;
        }
        if (!typeMatches(value)) {
            findings.causes.add(typeInvalid(path, jsonType(value), intOrString ? "integer or string" : type));
            return value;
        }
        int before = findings.causes.size();
        if (value.isObject()) {
            walkObject((ObjectNode) value, old, path, findings);
        } else if (value.isArray()) {
            walkArray((ArrayNode) value, path, findings);
        } else {
            checkScalar(value, path, findings);
        }
        if (!enumValues.isEmpty() && !enumValues.contains(value)) {
            findings.causes.add(new Statuses.Cause("FieldValueNotSupported", path, "Unsupported value: "
                    + shown(value) + ": supported values: "
                    + enumValues.stream().map(StructuralSchema::shown).collect(Collectors.joining(", "))));
        }
        // As kube-apiserver: rules run on values whose own schema checks passed, so they see the types they expect.
        if (findings.causes.size() == before) {
            runRules(value, old, path, findings);
        }
        return value;
    }

    private void walkObject(ObjectNode object, JsonNode old, String path, Findings findings) {
        for (String name : new ArrayList<>(iterableNames(object))) {
            StructuralSchema child = properties.get(name);
            if (child == null) {
                child = additionalProperties;
            }
            if (child == null) {
                if (!preserveUnknownFields && !(embeddedResource && OBJECT_FIELDS.contains(name))) {
                    findings.unknownFields.add(path + "." + name);
                    object.remove(name);
                }
            } else if (object.get(name).isNull() && !child.nullable) {
                object.remove(name);
            }
        }
        for (Map.Entry<String, StructuralSchema> property : properties.entrySet()) {
            if (!object.has(property.getKey()) && property.getValue().defaultValue != null) {
                object.set(property.getKey(), property.getValue().defaultValue.deepCopy());
            }
        }
        for (String name : new ArrayList<>(iterableNames(object))) {
            StructuralSchema child = properties.containsKey(name) ? properties.get(name) : additionalProperties;
            if (child != null) {
                String childPath = properties.containsKey(name) ? path + "." + name : path + "[" + name + "]";
                object.set(name, child.walk(object.get(name), child(old, name), childPath, findings));
            }
        }
        for (String name : required) {
            if (!object.has(name)) {
                findings.causes.add(new Statuses.Cause("FieldValueRequired", path + "." + name, "Required value"));
            }
        }
        if (minProperties != null && object.size() < minProperties) {
            findings.causes.add(invalid(path, object, path + " in body should have at least " + minProperties
                    + " properties"));
        }
        if (maxProperties != null && object.size() > maxProperties) {
            findings.causes.add(new Statuses.Cause("FieldValueTooMany", path, "Too many: " + object.size()
                    + ": must have at most " + maxProperties + " items"));
        }
    }

    private void walkArray(ArrayNode array, String path, Findings findings) {
        if (items != null) {
            for (int i = 0; i < array.size(); i++) {
                // Items are not correlated with the old list: transition rules below a list do not run.
                array.set(i, items.walk(array.get(i), null, path + "[" + i + "]", findings));
            }
        }
        if (minItems != null && array.size() < minItems) {
            findings.causes.add(invalid(path, array, path + " in body should have at least " + minItems + " items"));
        }
        if (maxItems != null && array.size() > maxItems) {
            findings.causes.add(new Statuses.Cause("FieldValueTooMany", path, "Too many: " + array.size()
                    + ": must have at most " + maxItems + " items"));
        }
    }

    private void checkScalar(JsonNode value, String path, Findings findings) {
        if (value.isTextual()) {
            String text = value.asText();
            int length = text.codePointCount(0, text.length());
            if (maxLength != null && length > maxLength) {
                findings.causes.add(new Statuses.Cause("FieldValueTooLong", path,
                        "Too long: may not be more than " + maxLength + " bytes"));
            }
            if (minLength != null && length < minLength) {
                findings.causes.add(invalid(path, value, path + " in body should be at least " + minLength
                        + " chars long"));
            }
            if (pattern != null && !pattern.matcher(text).find()) {
                findings.causes.add(invalid(path, value, path + " in body should match '" + patternText + "'"));
            }
            if (format != null && !Formats.matches(format, text)) {
                findings.causes.add(invalid(path, value, path + " in body must be of type " + format + ": "
                        + shown(value)));
            }
        } else if (value.isNumber()) {
            double number = value.asDouble();
            if (maximum != null && (exclusiveMaximum ? number >= maximum : number > maximum)) {
                findings.causes.add(invalid(path, value, path + " in body should be less than "
                        + (exclusiveMaximum ? "" : "or equal to ") + number(maximum)));
            }
            if (minimum != null && (exclusiveMinimum ? number <= minimum : number < minimum)) {
                findings.causes.add(invalid(path, value, path + " in body should be greater than "
                        + (exclusiveMinimum ? "" : "or equal to ") + number(minimum)));
            }
        }
    }

    private void runRules(JsonNode value, JsonNode old, String path, Findings findings) {
        if (rules.isEmpty()) {
            return;
        }
        boolean hasOld = old != null && !old.isNull() && !old.isMissingNode();
        Object self = CelRule.value(value);
        Object oldSelf = hasOld ? CelRule.value(old) : null;
        for (CelRule rule : rules) {
            if (rule.transition() && !hasOld) {
                continue;
            }
            CelRule.Failure failure = rule.evaluate(self, oldSelf);
            if (failure != null) {
                String field = failure.fieldPath().isEmpty() ? path
                        : path + (failure.fieldPath().startsWith(".") ? "" : ".") + failure.fieldPath();
                String shownType = type != null ? type : intOrString ? "integer or string" : jsonType(value);
                findings.causes.add(new Statuses.Cause(failure.reason(), field,
                        "Invalid value: \"" + shownType + "\": " + failure.message()));
            }
        }
    }

    private boolean typeMatches(JsonNode value) {
        if (intOrString) {
            return value.isIntegralNumber() || value.isTextual();
        }
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static Statuses.Cause typeInvalid(String path, String actual, String expected) {
        return new Statuses.Cause("FieldValueTypeInvalid", path, "Invalid value: \"" + actual + "\": " + path
                + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    private static Statuses.Cause invalid(String path, JsonNode value, String detail) {
        return new Statuses.Cause("FieldValueInvalid", path, "Invalid value: " + shown(value) + ": " + detail);
    }

    /** A value as kube-apiserver prints it in a message: strings quoted, numbers and booleans bare. */
    private static String shown(JsonNode value) {
        if (value.isTextual()) {
            return JSON.textNode(value.asText()).toString();
        }
        if (value.isNumber()) {
            return number(value.asDouble());
        }
        if (value.isBoolean() || value.isNull()) {
            return value.toString();
        }
        return "\"" + jsonType(value) + "\"";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    private static JsonNode child(JsonNode old, String name) {
        return old != null && old.isObject() ? old.get(name) : null;
    }

    private static List<String> iterableNames(ObjectNode object) {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Integer integer(JsonNode schema, String name) {
        return schema.has(name) ? schema.get(name).asInt() : null;
    }
}
