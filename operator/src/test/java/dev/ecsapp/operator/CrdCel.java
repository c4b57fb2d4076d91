package dev.ecsapp.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluates a CRD schema's x-kubernetes-validations (CEL) on a manifest, as the API server would. */
public final class CrdCel {

    /** A rule that failed: the path of the object it sits on (spec.autoscaling) and its message. */
    public record Failure(String path, String message) {
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, CelAbstractSyntaxTree> COMPILED = new ConcurrentHashMap<>();

    private CrdCel() {
    }

    /** Every rule of {@code schema} and below that {@code instance} (at {@code path}) fails. */
    public static List<Failure> failedRules(JsonNode schema, JsonNode instance, String path) {
        List<Failure> failures = new ArrayList<>();
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (!evaluate(rule.get("rule").asText(), instance)) {
                failures.add(new Failure(path, rule.get("message").asText()));
            }
        }
        if (instance.isObject()) {
            for (Map.Entry<String, JsonNode> field : instance.properties()) {
                failures.addAll(failedRules(schema.path("properties").path(field.getKey()), field.getValue(),
                        path + "." + field.getKey()));
            }
        } else if (instance.isArray()) {
            for (int i = 0; i < instance.size(); i++) {
                failures.addAll(failedRules(schema.path("items"), instance.get(i), path + "[" + i + "]"));
            }
        }
        return failures;
    }

    private static boolean evaluate(String rule, JsonNode self) {
        try {
            CelAbstractSyntaxTree ast = COMPILED.get(rule);
            if (ast == null) {
                ast = COMPILER.compile(rule).getAst();
                COMPILED.put(rule, ast);
            }
            return (Boolean) RUNTIME.createProgram(ast).eval(Map.of("self", celValue(self)));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("rule " + rule + " does not evaluate: " + e.getMessage(), e);
        }
    }

    /** CEL's map, list, int (long), string and bool, from JSON. */
    private static Object celValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), celValue(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(celValue(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
