package dev.ecsapp.sandbox.aws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
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
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The AWS JSON 1.0/1.1 protocol (ECS, ECR, CloudWatch Logs, Application Auto Scaling), server side: a request body
 * into the SDK's request object, a response object into a body, an error into AWS's error body.
 *
 * <p>Driven entirely by the fields the SDK's model classes declare (wire name, type, list and map members), so every
 * operation of every JSON service is covered by the same code and speaks exactly what the real clients expect.
 */
public final class JsonCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Reads a request body into an object of {@code requestClass}.
     *
     * @throws AwsException {@code SerializationException} when the body is not JSON or a field has the wrong type,
     *                      as AWS answers
     */
    public <T extends SdkPojo> T read(byte[] body, Class<T> requestClass) {
        JsonNode root;
        try {
            root = body.length == 0 ? NODES.objectNode() : mapper.readTree(body);
        } catch (IOException e) {
            throw new AwsException("SerializationException", "Start of structure or map found where not expected.");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = NODES.objectNode();
        }
        if (!root.isObject()) {
            throw new AwsException("SerializationException", "Start of list found where not expected");
        }
        return requestClass.cast(readPojo(root, SdkModels.builderOf(requestClass)));
    }

    /** Writes a response object as a JSON body. */
    public byte[] write(SdkPojo response) {
        try {
            return mapper.writeValueAsBytes(writePojo(response));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + response.getClass().getSimpleName(), e);
        }
    }

    /** AWS's JSON error body: {@code {"__type":"ClusterNotFoundException","message":"..."}}. */
    public byte[] error(AwsException error) {
        ObjectNode body = NODES.objectNode().put("__type", error.code()).put("message", error.getMessage());
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a body as a JSON tree (the control API uses it). */
    public JsonNode tree(byte[] body) throws IOException {
        return body.length == 0 ? NODES.objectNode() : mapper.readTree(body);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Renders a model object as a JSON tree, the shape AWS would send it in (the state dump uses it). */
    public ObjectNode toTree(SdkPojo pojo) {
        return writePojo(pojo);
    }

    private SdkPojo readPojo(JsonNode node, SdkPojo builder) {
        if (!node.isObject()) {
            throw new AwsException("SerializationException", "Unexpected value where a structure was expected");
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = node.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(value, field));
            }
        }
        return SdkModels.build(builder);
    }

    private Object readValue(JsonNode value, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return expect(value.isTextual(), value, field).asText();
        } else if (type == MarshallingType.INTEGER) {
            return expect(value.canConvertToInt() && value.isIntegralNumber(), value, field).intValue();
        } else if (type == MarshallingType.LONG) {
            return expect(value.canConvertToLong() && value.isIntegralNumber(), value, field).longValue();
        } else if (type == MarshallingType.SHORT) {
            return expect(value.isIntegralNumber(), value, field).shortValue();
        } else if (type == MarshallingType.BYTE) {
            return (byte) expect(value.isIntegralNumber(), value, field).intValue();
        } else if (type == MarshallingType.DOUBLE) {
            return expect(value.isNumber(), value, field).doubleValue();
        } else if (type == MarshallingType.FLOAT) {
            return expect(value.isNumber(), value, field).floatValue();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return expect(value.isNumber(), value, field).decimalValue();
        } else if (type == MarshallingType.BOOLEAN) {
            return expect(value.isBoolean(), value, field).booleanValue();
        } else if (type == MarshallingType.INSTANT) {
            // JSON protocols send timestamps as epoch seconds with a fraction.
            BigDecimal seconds = expect(value.isNumber(), value, field).decimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(expect(value.isTextual(), value, field).asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            return readPojo(value, field.constructor().get());
        } else if (type == MarshallingType.LIST) {
            expect(value.isArray(), value, field);
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                list.add(element.isNull() ? null : readValue(element, member));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            expect(value.isObject(), value, field);
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(e -> map.put(e.getKey(), readValue(e.getValue(), member)));
            return map;
        }
        throw new AwsException("SerializationException", "Unsupported field type for " + field.memberName());
    }

    private static JsonNode expect(boolean ok, JsonNode value, SdkField<?> field) {
        if (!ok) {
            // AWS names the problem like this for a value of the wrong type.
            throw new AwsException("SerializationException",
                    "Unexpected value type in payload for field " + field.locationName() + ": " + value.getNodeType());
        }
        return value;
    }

    private ObjectNode writePojo(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isPresent(value)) {
                node.set(field.locationName(), writeValue(value, field));
            }
        }
        return node;
    }

    /** The SDK marks lists and maps nobody set with auto-construct types; AWS omits such members. */
    static boolean isPresent(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private JsonNode writeValue(Object value, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return NODES.textNode((String) value);
        } else if (type == MarshallingType.INSTANT) {
            return NODES.numberNode(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
        } else if (type == MarshallingType.SDK_BYTES) {
            return NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
        } else if (type == MarshallingType.SDK_POJO) {
            return writePojo((SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(element == null ? NODES.nullNode() : writeValue(element, member));
            }
            return array;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            ((Map<?, ?>) value).forEach((k, v) -> map.set(String.valueOf(k), v == null ? NODES.nullNode()
                    : writeValue(v, member)));
            return map;
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Float f) {
            return NODES.numberNode(f);
        } else if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (value instanceof Short s) {
            return NODES.numberNode(s);
        } else if (value instanceof Byte b) {
            return NODES.numberNode(b);
        }
        return NODES.textNode(String.valueOf(value));
    }
}
