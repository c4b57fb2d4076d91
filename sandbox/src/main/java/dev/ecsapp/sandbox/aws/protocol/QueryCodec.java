package dev.ecsapp.sandbox.aws.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * The AWS query protocols, server side: form parameters into the SDK's request object, a response object into XML.
 *
 * <p>Two dialects. {@link Dialect#AWS_QUERY} (ELBv2, STS): lists as {@code Names.member.1}, responses wrapped in
 * {@code <OpResponse><OpResult>} with {@code ResponseMetadata}, errors in {@code <ErrorResponse>}. {@link Dialect#EC2}:
 * lists as {@code Filter.1.Value.1}, camel-case response elements with {@code <item>} members and a {@code requestId},
 * errors in {@code <Response><Errors>}. Field names and list member names come from the SDK's model classes.
 */
public final class QueryCodec {

    /** The two query dialects AWS uses. */
    public enum Dialect { AWS_QUERY, EC2 }

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Dialect dialect;
    private final String xmlNamespace;

    public QueryCodec(Dialect dialect, String xmlNamespace) {
        this.dialect = dialect;
        this.xmlNamespace = xmlNamespace;
    }

    /** Reads the form parameters of one request (without Action and Version) into an object of requestClass. */
    public <T extends SdkPojo> T read(Map<String, String> params, Class<T> requestClass) {
        return requestClass.cast(readPojo(params, "", SdkModels.builderOf(requestClass)));
    }

    /** The XML body of a successful answer. */
    public byte[] write(String operation, SdkPojo response, String requestId) {
        StringBuilder xml = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append('<').append(operation).append("Response xmlns=\"").append(xmlNamespace).append("\">");
        if (dialect == Dialect.EC2) {
            xml.append("<requestId>").append(requestId).append("</requestId>");
            writeFields(xml, response);
        } else {
            xml.append('<').append(operation).append("Result>");
            writeFields(xml, response);
            xml.append("</").append(operation).append("Result>");
            xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        }
        xml.append("</").append(operation).append("Response>");
        return xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The XML body of an error, in the dialect's shape. */
    public byte[] error(AwsException error, String requestId) {
        StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (dialect == Dialect.EC2) {
            xml.append("<Response><Errors><Error><Code>").append(escape(error.code())).append("</Code><Message>")
                    .append(escape(error.getMessage())).append("</Message></Error></Errors><RequestID>")
                    .append(requestId).append("</RequestID></Response>");
        } else {
            xml.append("<ErrorResponse xmlns=\"").append(xmlNamespace).append("\"><Error><Type>")
                    .append(error.senderFault() ? "Sender" : "Receiver").append("</Type><Code>")
                    .append(escape(error.code())).append("</Code><Message>").append(escape(error.getMessage()))
                    .append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
        }
        return xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private SdkPojo readPojo(Map<String, String> params, String prefix, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = readValue(params, prefix + field.locationName(), field);
            if (value != null) {
                field.set(builder, value);
            }
        }
        return SdkModels.build(builder);
    }

    private Object readValue(Map<String, String> params, String key, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return hasKeyUnder(params, key + ".") ? readPojo(params, key + ".", field.constructor().get()) : null;
        }
        if (type == MarshallingType.LIST) {
            return readList(params, key, field);
        }
        if (type == MarshallingType.MAP) {
            return readMap(params, key, field);
        }
        String text = params.get(key);
        return text == null ? null : scalar(text, field, key);
    }

    private List<Object> readList(Map<String, String> params, String key, SdkField<?> field) {
        ListTrait list = field.getTrait(ListTrait.class);
        SdkField<?> member = list.memberFieldInfo();
        // An empty list travels as "Names=" with no members.
        if ("".equals(params.get(key))) {
            return new ArrayList<>();
        }
        String itemPrefix = dialect == Dialect.EC2 || list.isFlattened()
                ? key + "."
                : key + "." + (list.memberLocationName() == null ? "member" : list.memberLocationName()) + ".";
        if (!hasKeyUnder(params, itemPrefix)) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 1; ; i++) {
            String itemKey = itemPrefix + i;
            Object value = readValue(params, itemKey, member);
            if (value == null) {
                break;
            }
            values.add(value);
        }
        return values;
    }

    private Map<String, Object> readMap(Map<String, String> params, String key, SdkField<?> field) {
        MapTrait map = field.getTrait(MapTrait.class);
        String entryPrefix = map.isFlattened() ? key + "." : key + ".entry.";
        if (!hasKeyUnder(params, entryPrefix)) {
            return null;
        }
        String keyName = map.keyLocationName() == null ? "key" : map.keyLocationName();
        String valueName = map.valueLocationName() == null ? "value" : map.valueLocationName();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(entryPrefix + i + "." + keyName); i++) {
            Object value = readValue(params, entryPrefix + i + "." + valueName, map.valueFieldInfo());
            values.put(params.get(entryPrefix + i + "." + keyName), value);
        }
        return values;
    }

    private static boolean hasKeyUnder(Map<String, String> params, String prefix) {
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Object scalar(String text, SdkField<?> field, String key) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return text;
            } else if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(text);
            } else if (type == MarshallingType.LONG) {
                return Long.valueOf(text);
            } else if (type == MarshallingType.SHORT) {
                return Short.valueOf(text);
            } else if (type == MarshallingType.BYTE) {
                return Byte.valueOf(text);
            } else if (type == MarshallingType.DOUBLE) {
                return Double.valueOf(text);
            } else if (type == MarshallingType.FLOAT) {
                return Float.valueOf(text);
            } else if (type == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(text);
            } else if (type == MarshallingType.BOOLEAN) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new NumberFormatException(text);
                }
                return Boolean.valueOf(text);
            } else if (type == MarshallingType.INSTANT) {
                return Instant.parse(text);
            } else if (type == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // AWS's query services answer a malformed parameter value like this.
            throw new AwsException("ValidationError", "Invalid value '" + text + "' for parameter " + key);
        }
        throw new AwsException("ValidationError", "Unsupported parameter " + key);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private void writeFields(StringBuilder xml, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (JsonCodec.isPresent(value)) {
                writeValue(xml, elementName(field), value, field);
            }
        }
    }

    /** The element name clients read: EC2 answers in camel case, which the SDK records as the unmarshall name. */
    private static String elementName(SdkField<?> field) {
        return field.unmarshallLocationName() != null ? field.unmarshallLocationName() : field.locationName();
    }

    private void writeValue(StringBuilder xml, String name, Object value, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            ListTrait list = field.getTrait(ListTrait.class);
            String member = list.memberLocationName() == null ? "member" : list.memberLocationName();
            if (list.isFlattened()) {
                for (Object element : (List<?>) value) {
                    writeValue(xml, name, element, list.memberFieldInfo());
                }
                return;
            }
            xml.append('<').append(name).append('>');
            for (Object element : (List<?>) value) {
                writeValue(xml, member, element, list.memberFieldInfo());
            }
            xml.append("</").append(name).append('>');
            return;
        }
        xml.append('<').append(name).append('>');
        if (type == MarshallingType.SDK_POJO) {
            writeFields(xml, (SdkPojo) value);
        } else if (type == MarshallingType.MAP) {
            MapTrait map = field.getTrait(MapTrait.class);
            String keyName = map.keyLocationName() == null ? "key" : map.keyLocationName();
            String valueName = map.valueLocationName() == null ? "value" : map.valueLocationName();
            ((Map<?, ?>) value).forEach((k, v) -> {
                xml.append("<entry><").append(keyName).append('>').append(escape(String.valueOf(k)))
                        .append("</").append(keyName).append('>');
                writeValue(xml, valueName, v, map.valueFieldInfo());
                xml.append("</entry>");
            });
        } else if (type == MarshallingType.INSTANT) {
            xml.append(ISO_MILLIS.format((Instant) value));
        } else if (type == MarshallingType.SDK_BYTES) {
            xml.append(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
        } else {
            xml.append(escape(String.valueOf(value)));
        }
        xml.append("</").append(name).append('>');
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
