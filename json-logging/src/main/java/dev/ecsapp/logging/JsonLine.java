package dev.ecsapp.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Builds one JSON log line straight into UTF-8 bytes, reused line after line by its thread.
 *
 * <p>Every line starts {@code {"time":...,"level":...,"logger":...,"message":...}} and may add fields. Writing bytes
 * directly (no JSON tree, no StringBuilder, no String to encode afterwards) is what lets the service keep an access
 * log line per request at a hundred thousand requests a second.
 */
public final class JsonLine {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int INITIAL_BYTES = 512;
    /** One huge line (a long stack trace) should not pin its thread's buffer for good. */
    private static final int MAX_KEPT_BYTES = 64 * 1024;
    private static final ThreadLocal<JsonLine> CURRENT = ThreadLocal.withInitial(JsonLine::new);

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    /** Formatting a timestamp costs more than the rest of a line; at thousands of lines a second most share a milli. */
    private long cachedMillis = Long.MIN_VALUE;
    private String cachedTimestamp = "";

    private JsonLine() {
    }

    /** Starts this thread's line; the previous one must have been handed to the sink. */
    public static JsonLine start(long epochMillis, String level, String logger, String message) {
        JsonLine line = CURRENT.get();
        if (line.bytes.length > MAX_KEPT_BYTES) {
            line.bytes = new byte[INITIAL_BYTES];
        }
        line.size = 0;
        line.ascii("{\"time\":\"").ascii(line.timestamp(epochMillis)).ascii("\"");
        return line.field("level", level).field("logger", logger).field("message", message);
    }

    /** UTC, ISO-8601, always with milliseconds (Instant.toString drops them when zero, which breaks sorting). */
    String timestamp(long epochMillis) {
        if (epochMillis != cachedMillis) {
            cachedTimestamp = TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
            cachedMillis = epochMillis;
        }
        return cachedTimestamp;
    }

    public JsonLine field(String name, String value) {
        ascii(",\"").ascii(name).ascii("\":");
        return string(value);
    }

    public JsonLine field(String name, long value) {
        ascii(",\"").ascii(name).ascii("\":");
        return number(value);
    }

    /** A field whose value is a number, a boolean or any other object (written as a JSON string). */
    public JsonLine field(String name, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return field(name, ((Number) value).longValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            ascii(",\"").ascii(name).ascii("\":");
            return ascii(String.valueOf(value));
        }
        return field(name, String.valueOf(value));
    }

    /** A duration in milliseconds with microsecond resolution, without floating-point formatting. */
    public JsonLine millis(String name, long nanos) {
        long micros = nanos / 1_000;
        long fraction = micros % 1_000;
        ascii(",\"").ascii(name).ascii("\":").number(micros / 1_000).ascii(".");
        return ascii(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").number(fraction);
    }

    /** Closes the object; the line is then ready for {@link JsonLineSink#write(JsonLine, boolean)}. */
    public JsonLine end() {
        ensure(1);
        bytes[size++] = '}';
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Appends a decimal number without making a String of it first. */
    private JsonLine number(long value) {
        if (value < 0) {
            return value == Long.MIN_VALUE ? ascii(Long.toString(value)) : ascii("-").number(-value);
        }
        ensure(20);
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
        return this;
    }

    /** Appends text known to be plain ASCII with nothing to escape (names, numbers, our own literals). */
    private JsonLine ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** Appends a quoted JSON string: escapes quotes, backslashes and control characters; encodes UTF-8. */
    private JsonLine string(String value) {
        int length = value.length();
        ensure(length * 6 + 2); // the worst case: every char a \\u00XX escape
        bytes[size++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[size++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                bytes[size++] = '\\';
                bytes[size++] = (byte) c;
            } else if (c == '\n') {
                bytes[size++] = '\\';
                bytes[size++] = 'n';
            } else if (c == '\r') {
                bytes[size++] = '\\';
                bytes[size++] = 'r';
            } else if (c == '\t') {
                bytes[size++] = '\\';
                bytes[size++] = 't';
            } else if (c < 0x20) {
                bytes[size++] = '\\';
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[c >> 4];
                bytes[size++] = HEX[c & 0xF];
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | (c >> 6));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                bytes[size++] = '?'; // a lone surrogate has no UTF-8 form
            } else {
                bytes[size++] = (byte) (0xE0 | (c >> 12));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        bytes[size++] = '"';
        return this;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
