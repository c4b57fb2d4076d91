package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Label selectors (equality and set-based) and field selectors, parsed from a list or watch query. */
final class Selectors {

    private static final Set<String> EVENT_FIELDS = Set.of("involvedObject.kind", "involvedObject.namespace",
            "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type");

    private Selectors() {
    }

    /** {@code app=web,tier!=db,env in (a,b),!legacy}; an empty or absent selector matches everything. */
    static Predicate<JsonNode> labels(String selector) {
        Predicate<JsonNode> all = object -> true;
        if (selector == null || selector.isBlank()) {
            return all;
        }
        for (String term : terms(selector)) {
            Predicate<JsonNode> requirement = labelRequirement(term.trim());
            all = all.and(requirement);
        }
        return all;
    }

    /** {@code metadata.name=x,metadata.namespace!=y}, and for Events the {@code involvedObject.*} fields. */
    static Predicate<JsonNode> fields(String selector, Kind kind) {
        Predicate<JsonNode> all = object -> true;
        if (selector == null || selector.isBlank()) {
            return all;
        }
        for (String term : terms(selector)) {
            String t = term.trim();
            boolean negated = t.contains("!=");
            String[] parts = negated ? t.split("!=", 2) : t.split("==?", 2);
            if (parts.length != 2) {
                throw Statuses.badRequest("invalid selector: '" + selector + "'; can't understand '" + t + "'");
            }
            String field = parts[0].trim();
            String value = parts[1].trim();
            if (!field.equals("metadata.name") && !field.equals("metadata.namespace")
                    && !(kind.kind().equals("Event") && EVENT_FIELDS.contains(field))
                    && !(kind.kind().equals("Secret") && field.equals("type"))) {
                throw Statuses.badRequest("field label not supported: " + field);
            }
            Predicate<JsonNode> equal = object -> fieldValue(object, field).equals(value);
            all = all.and(negated ? equal.negate() : equal);
        }
        return all;
    }

    private static String fieldValue(JsonNode object, String field) {
        JsonNode node = object;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        if (field.equals("source")) {
            node = object.path("source").path("component");
        }
        return node.isValueNode() ? node.asText() : "";
    }

    private static Predicate<JsonNode> labelRequirement(String term) {
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return object -> !labelsOf(object).has(key);
        }
        String[] set = term.split("\\s+(in|notin)\\s+", 2);
        if (set.length == 2) {
            String key = set[0].trim();
            boolean in = term.substring(key.length()).trim().startsWith("in");
            String values = set[1].trim();
            if (!values.startsWith("(") || !values.endsWith(")")) {
                throw Statuses.badRequest("unable to parse requirement: found '" + values + "', expected: '('");
            }
            List<String> allowed = new ArrayList<>();
            for (String value : values.substring(1, values.length() - 1).split(",")) {
                allowed.add(value.trim());
            }
            return object -> {
                JsonNode label = labelsOf(object).get(key);
                boolean member = label != null && allowed.contains(label.asText());
                return in ? member : !member;
            };
        }
        if (term.contains("!=")) {
            String[] parts = term.split("!=", 2);
            String key = parts[0].trim();
            String value = parts[1].trim();
            return object -> {
                JsonNode label = labelsOf(object).get(key);
                return label == null || !label.asText().equals(value);
            };
        }
        if (term.contains("=")) {
            String[] parts = term.split("==?", 2);
            String key = parts[0].trim();
            String value = parts[1].trim();
            return object -> {
                JsonNode label = labelsOf(object).get(key);
                return label != null && label.asText().equals(value);
            };
        }
        return object -> labelsOf(object).has(term);
    }

    private static JsonNode labelsOf(JsonNode object) {
        return object.path("metadata").path("labels");
    }

    /** Splits on the commas outside parentheses: {@code a in (x,y),b} is two terms. */
    private static List<String> terms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }
}
