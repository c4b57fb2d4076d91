package dev.ecsapp.service.logging;

/** Minimal JSON string escaping for log lines, so the hot path never builds a tree of objects. */
final class Json {

    private Json() {
    }

    /** Appends {@code value} as a quoted JSON string. */
    static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Appends {@code ,"name":value} where value is a string, a number or a boolean. */
    static void appendField(StringBuilder out, String name, Object value) {
        out.append(',');
        appendString(out, name);
        out.append(':');
        if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            appendString(out, String.valueOf(value));
        }
    }
}
