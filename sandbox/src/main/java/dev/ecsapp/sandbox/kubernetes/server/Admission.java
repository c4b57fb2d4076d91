package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks a custom resource against its CRD version's schema before it is stored: unknown fields pruned (refused
 * with {@code fieldValidation=Strict}, a warning with {@code Warn}, the default), defaults applied, the schema's
 * constraints and CEL rules checked. A status write checks the status alone, any other write all but the status.
 *
 * <p>Schemas are compiled once per CRD version and kept until the CRD's schema changes; one entry per version.
 */
final class Admission {

    /** The object to store, and the {@code Warning} header values to answer with. */
    record Admitted(ObjectNode object, List<String> warnings) {
    }

    private record Compiled(JsonNode source, StructuralSchema schema) {
    }

    private enum FieldValidation { IGNORE, WARN, STRICT }

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    private final Supplier<List<Kind>> customKinds;

    Admission(Supplier<List<Kind>> customKinds) {
        this.customKinds = customKinds;
    }

    /**
     * @param old             the stored object on an update (for transition rules), null on a create
     * @param statusWrite     whether the write is on the status subresource
     * @param fieldValidation the request's {@code fieldValidation} parameter, or null
     */
    Admitted admit(Kind kind, ObjectNode candidate, JsonNode old, boolean statusWrite, String fieldValidation) {
        FieldValidation mode = mode(fieldValidation);
        if (kind.schema() == null || kind.schema().isMissingNode()) {
            return new Admitted(candidate, List.of());
        }
        StructuralSchema schema = schemaOf(kind);
        ObjectNode object = candidate.deepCopy();
        Predicate<String> fields = statusWrite ? "status"::equals
                : kind.statusSubresource() ? name -> !name.equals("status") : name -> true;
        StructuralSchema.Findings findings = new StructuralSchema.Findings();
        schema.walkRoot(object, old, fields, !statusWrite, findings);
        String name = candidate.path("metadata").path("name").asText("");
        if (mode == FieldValidation.STRICT && !findings.unknownFields.isEmpty()) {
            // kube-apiserver finds unknown fields while decoding, before it validates anything.
            throw Statuses.badRequest(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a "
                    + kind.kind() + ": strict decoding error: " + findings.unknownFields.stream()
                    .map(field -> "unknown field \"" + field + "\"").collect(Collectors.joining(", ")));
        }
        if (!findings.causes.isEmpty()) {
            throw Statuses.invalid(kind, name, findings.causes);
        }
        List<String> warnings = mode == FieldValidation.WARN
                ? findings.unknownFields.stream().map(field -> "unknown field \"" + field + "\"").toList()
                : List.of();
        return new Admitted(object, warnings);
    }

    private StructuralSchema schemaOf(Kind kind) {
        String key = kind.storageKey() + "/" + kind.version();
        Compiled entry = compiled.get(key);
        if (entry == null || entry.source() != kind.schema() && !entry.source().equals(kind.schema())) {
            entry = new Compiled(kind.schema(), StructuralSchema.compile(kind.schema()));
            retain(customKinds.get());
            compiled.put(key, entry);
        } else if (entry.source() != kind.schema()) {
            // The CRD was written again with the same schema: keep the compiled one, compare by identity next time.
            compiled.put(key, new Compiled(kind.schema(), entry.schema()));
        }
        return entry.schema();
    }

    /** Forgets the compiled schemas of CRDs no longer stored, so the cache stays as small as the set of CRDs. */
    private void retain(List<Kind> kinds) {
        compiled.keySet().retainAll(kinds.stream().map(k -> k.storageKey() + "/" + k.version()).toList());
    }

    private static FieldValidation mode(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return FieldValidation.WARN;
        }
        return switch (parameter.toLowerCase(Locale.ROOT)) {
            case "ignore" -> FieldValidation.IGNORE;
            case "warn" -> FieldValidation.WARN;
            case "strict" -> FieldValidation.STRICT;
            default -> throw Statuses.badRequest("fieldValidation must be one of Ignore, Warn, Strict, not "
                    + parameter);
        };
    }
}
