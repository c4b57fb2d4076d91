package dev.ecsapp.sandbox.kubernetes.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string {@code format}s a CRD schema can name and kube-apiserver checks (the apiextensions validator's format
 * registry). A format outside this table is accepted unchecked, as kube-apiserver does with formats it does not
 * know; isbn, creditcard, ssn and rgbcolor, which kube knows, are not checked here.
 */
final class Formats {

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?i)^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern MAC = Pattern.compile(
            "(?i)^([0-9a-f]{2}([:-])[0-9a-f]{2}(\\2[0-9a-f]{2}){4}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4})$");
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    /** Go's time.ParseDuration units, which the strfmt duration also takes with words (e.g. "3 days"). */
    private static final Pattern DURATION = Pattern.compile(
            "^(\\d+(\\.\\d+)?\\s*(ns|us|µs|ms|s|m|h|d|w|sec|secs|second|seconds|min|mins|minute|minutes|hour|hours"
                    + "|day|days|week|weeks))+$");
    private static final Pattern OBJECT_ID = Pattern.compile("(?i)^[0-9a-f]{24}$");
    private static final Pattern HEX_COLOR = Pattern.compile("(?i)^#([0-9a-f]{3}|[0-9a-f]{6})$");

    private static final Map<String, Predicate<String>> CHECKS = Map.ofEntries(
            Map.entry("hostname", text -> HOSTNAME.matcher(text).matches()),
            Map.entry("email", text -> EMAIL.matcher(text).matches()),
            Map.entry("mac", text -> MAC.matcher(text).matches()),
            Map.entry("uuid", text -> UUID.matcher(text).matches()),
            Map.entry("uuid3", text -> uuidOfVersion(text, '3')),
            Map.entry("uuid4", text -> uuidOfVersion(text, '4')),
            Map.entry("uuid5", text -> uuidOfVersion(text, '5')),
            Map.entry("ipv4", text -> IPV4.matcher(text).matches()),
            Map.entry("ipv6", Formats::ipv6),
            Map.entry("cidr", Formats::cidr),
            Map.entry("uri", Formats::uri),
            Map.entry("byte", Formats::base64),
            Map.entry("date", Formats::date),
            Map.entry("date-time", Formats::dateTime),
            Map.entry("datetime", Formats::dateTime),
            Map.entry("duration", text -> DURATION.matcher(text.replace(" ", "")).matches()),
            Map.entry("bsonobjectid", text -> OBJECT_ID.matcher(text).matches()),
            Map.entry("hexcolor", text -> HEX_COLOR.matcher(text).matches()));

    private Formats() {
    }

    /** Whether {@code text} is of {@code format}; true for a format this table does not check. */
    static boolean matches(String format, String text) {
        Predicate<String> check = CHECKS.get(format);
        return check == null || check.test(text);
    }

    private static boolean uuidOfVersion(String text, char version) {
        return UUID.matcher(text).matches() && text.replace("-", "").charAt(12) == version;
    }

    private static boolean ipv6(String text) {
        // InetAddress parses a literal without a lookup when it contains a colon.
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address || text.contains("::ffff:");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = text.substring(0, slash);
        String bits = text.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (IPV4.matcher(address).matches()) {
            return prefix <= 32;
        }
        return ipv6(address) && prefix <= 128;
    }

    private static boolean uri(String text) {
        try {
            return new URI(text).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean base64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean dateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
