package dev.ecsapp.operator.validation;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

// The API server checks these only when the CRD it has is ours and validation ran; an object that skipped it (another
// CRD version, a cluster that does not validate, a test double) must still be refused before any AWS call.
/**
 * The bounds the model's annotations give the CRD's schema (@Required, @Min, @Max, @Size, @Pattern, on a field or on
 * the items of a list), checked on a spec: read from the same annotations the CRD is generated from, so that the two
 * cannot drift apart. Enums, types and unknown fields are the reader's (see EcsApp.unreadableSpec).
 */
final class SchemaBounds {

    private static final Map<String, java.util.regex.Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaBounds() {
    }

    /** The violations of a model record and everything below it, {@code path} naming the record ("spec"). */
    static List<Violation> check(Record record, String path) {
        List<Violation> violations = new ArrayList<>();
        checkRecord(record, path, violations);
        return violations;
    }

    private static void checkRecord(Record record, String path, List<Violation> violations) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            AnnotatedElement declaration;
            try {
                declaration = record.getClass().getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record has a field per component", e);
            }
            checkValue(declaration, component.getAnnotatedType(), read(component, record),
                    path + "." + component.getName(), violations);
        }
    }

    /**
     * @param rules where the value's annotations are: the field's declaration, or a list item's type
     * @param type the value's type with its type arguments' annotations (the rules of its items)
     */
    private static void checkValue(AnnotatedElement rules, AnnotatedType type, Object value, String path,
            List<Violation> violations) {
        if (value == null) {
            if (rules.isAnnotationPresent(Required.class)) {
                violations.add(new Violation(path, "required but missing"));
            }
            return;
        }
        if (value instanceof Number number) {
            checkRange(rules, number, path, violations);
        } else if (value instanceof String text) {
            checkText(rules, text, path, violations);
        } else if (value instanceof List<?> items) {
            checkCount(rules, items.size(), "items", path, violations);
            AnnotatedType itemType = typeArgument(type, 0);
            for (int i = 0; i < items.size(); i++) {
                checkValue(itemType, itemType, items.get(i), path + "[" + i + "]", violations);
            }
        } else if (value instanceof Map<?, ?> map) {
            AnnotatedType valueType = typeArgument(type, 1);
            new TreeMap<>(map).forEach((key, item) -> checkValue(valueType, valueType, item,
                    path + "[" + key + "]", violations));
        } else if (value instanceof Record nested) {
            checkRecord(nested, path, violations);
        }
    }

    private static void checkRange(AnnotatedElement rules, Number number, String path, List<Violation> violations) {
        double value = number.doubleValue();
        Min min = rules.getAnnotation(Min.class);
        if (min != null && (min.inclusive() ? value < min.value() : value <= min.value())) {
            violations.add(new Violation(path, number + " is below the " + (min.inclusive() ? "minimum " : "limit ")
                    + plain(min.value())));
        }
        Max max = rules.getAnnotation(Max.class);
        if (max != null && (max.inclusive() ? value > max.value() : value >= max.value())) {
            violations.add(new Violation(path, number + " is above the " + (max.inclusive() ? "maximum " : "limit ")
                    + plain(max.value())));
        }
    }

    private static void checkText(AnnotatedElement rules, String text, String path, List<Violation> violations) {
        checkCount(rules, text.codePointCount(0, text.length()), "characters", path, violations);
        Pattern pattern = rules.getAnnotation(Pattern.class);
        // OpenAPI's pattern matches anywhere unless anchored, as find() does; the model's patterns are anchored.
        if (pattern != null && !PATTERNS.computeIfAbsent(pattern.value(), java.util.regex.Pattern::compile)
                .matcher(text).find()) {
            violations.add(new Violation(path, "\"" + text + "\" does not match " + pattern.value()));
        }
    }

    private static void checkCount(AnnotatedElement rules, int count, String unit, String path,
            List<Violation> violations) {
        Size size = rules.getAnnotation(Size.class);
        if (size == null) {
            return;
        }
        if (count < size.min()) {
            violations.add(new Violation(path, "has " + count + " " + unit + "; at least " + size.min()
                    + " are needed"));
        } else if (count > size.max()) {
            violations.add(new Violation(path, "has " + count + " " + unit + "; at most " + size.max()
                    + " are allowed"));
        }
    }

    private static AnnotatedType typeArgument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            return parameterized.getAnnotatedActualTypeArguments()[index];
        }
        throw new IllegalStateException("the model's lists and maps declare their item type: " + type);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("a record's accessor reads its field", e);
        }
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
