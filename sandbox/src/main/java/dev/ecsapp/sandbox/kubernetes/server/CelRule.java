package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code x-kubernetes-validations} entry, compiled once: the rule, its message or messageExpression, and whether
 * it is a transition rule (it names {@code oldSelf}, so it runs on updates only, when there was an old value).
 */
final class CelRule {

    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();

    /** What a failed rule says: the field it names, kube's cause reason and the message. */
    record Failure(String fieldPath, String reason, String message) {
    }

    private final String rule;
    private final CelRuntime.Program program;
    private final CelRuntime.Program messageProgram;
    private final String message;
    private final String fieldPath;
    private final String reason;
    private final boolean transition;

    private CelRule(String rule, CelRuntime.Program program, CelRuntime.Program messageProgram, String message,
            String fieldPath, String reason) {
        this.rule = rule;
        this.program = program;
        this.messageProgram = messageProgram;
        this.message = message;
        this.fieldPath = fieldPath;
        this.reason = reason;
        this.transition = OLD_SELF.matcher(rule).find();
    }

    /** Compiles one entry; a rule that does not compile is an error of the CRD, reported as such. */
    static CelRule compile(JsonNode entry) {
        String rule = entry.path("rule").asText();
        try {
            CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(rule).getAst());
            String messageExpression = entry.path("messageExpression").asText("");
            CelRuntime.Program messageProgram = messageExpression.isEmpty() ? null
                    : RUNTIME.createProgram(COMPILER.compile(messageExpression).getAst());
            return new CelRule(rule, program, messageProgram, entry.path("message").asText(""),
                    entry.path("fieldPath").asText(""), entry.path("reason").asText("FieldValueInvalid"));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("the rule " + rule + " does not compile: " + e.getMessage(), e);
        }
    }

    boolean transition() {
        return transition;
    }

    /**
     * Null when {@code self} (and {@code oldSelf}, for a transition rule) pass; both are CEL values from
     * {@link #value}, converted once for all the rules of one field.
     */
    Failure evaluate(Object self, Object oldSelf) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", self);
        if (transition) {
            variables.put("oldSelf", oldSelf);
        }
        Object result;
        try {
            result = program.eval(variables);
        } catch (CelEvaluationException e) {
            return new Failure(fieldPath, "FieldValueInvalid", e.getMessage() + " evaluating rule: " + rule);
        }
        if (Boolean.TRUE.equals(result)) {
            return null;
        }
        return new Failure(fieldPath, reason, message(variables));
    }

    /** kube-apiserver's order: messageExpression when it gives a non-empty string, else message, else the rule. */
    private String message(Map<String, Object> variables) {
        if (messageProgram != null) {
            try {
                Object text = messageProgram.eval(variables);
                if (text instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // kube-apiserver falls back to message too when the expression fails.
            }
        }
        return message.isEmpty() ? "failed rule: " + rule : message;
    }

    /** CEL's map, list, int, double, string, bool and null from JSON. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return com.google.protobuf.NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
