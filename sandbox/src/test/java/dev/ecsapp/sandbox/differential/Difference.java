package dev.ecsapp.sandbox.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** One place where the sandbox's answer and moto's differ: a path, and each side's value there. */
record Difference(String path, String sandbox, String moto) {

    static final String ABSENT = "<absent>";

    static List<Difference> between(JsonNode sandbox, JsonNode moto) {
        List<Difference> found = new ArrayList<>();
        compare("", sandbox, moto, found);
        return found;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Difference> found) {
        if (a == null || b == null) {
            found.add(new Difference(path, a == null ? ABSENT : a.toString(), b == null ? ABSENT : b.toString()));
        } else if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), found);
            }
        } else if (a.isArray() && b.isArray()) {
            Iterator<JsonNode> left = a.elements();
            Iterator<JsonNode> right = b.elements();
            for (int i = 0; left.hasNext() || right.hasNext(); i++) {
                compare(path + "[" + i + "]", left.hasNext() ? left.next() : null, right.hasNext() ? right.next()
                        : null, found);
            }
        } else if (!a.equals(b)) {
            found.add(new Difference(path, a.toString(), b.toString()));
        }
    }
}
