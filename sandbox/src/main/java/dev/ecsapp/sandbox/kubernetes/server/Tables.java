package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code meta.k8s.io/v1} Table that kubectl asks for to print {@code get}: NAME, the CRD's
 * additionalPrinterColumns evaluated by JSONPath (or a built-in's few columns), and AGE where the CRD has none.
 */
final class Tables {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate "
            + "name automatically. Name is primarily intended for creation idempotence and configuration "
            + "definition. Cannot be updated. More info: "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final Kind.Column AGE = new Kind.Column("Age", "date", "", "CreationTimestamp is a timestamp "
            + "representing the server time when this object was created.", 0, ".metadata.creationTimestamp");

    private final Clock clock;

    Tables(Clock clock) {
        this.clock = clock;
    }

    /** How much of each object a row carries: {@code includeObject=None|Object|PartialObjectMetadata}. */
    enum Include { NONE, OBJECT, METADATA }

    static Include include(String parameter) {
        if ("None".equals(parameter)) {
            return Include.NONE;
        }
        return "Object".equals(parameter) ? Include.OBJECT : Include.METADATA;
    }

    ObjectNode table(Kind kind, List<ObjectNode> objects, String resourceVersion, String continueToken,
            boolean withColumns, Include include) {
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            metadata.put("continue", continueToken);
        }
        List<Kind.Column> columns = columnsOf(kind);
        ArrayNode definitions = table.putArray("columnDefinitions");
        if (withColumns) {
            definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                    .put("description", NAME_DESCRIPTION).put("priority", 0);
            for (Kind.Column column : columns) {
                definitions.addObject().put("name", column.name()).put("type", column.type())
                        .put("format", column.format()).put("description", column.description())
                        .put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (Kind.Column column : columns) {
                cells.add(cell(column, object));
            }
            if (include == Include.OBJECT) {
                row.set("object", object);
            } else if (include == Include.METADATA) {
                row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1")
                        .set("metadata", object.path("metadata"));
            }
        }
        return table;
    }

    private static List<Kind.Column> columnsOf(Kind kind) {
        if (!kind.columns().isEmpty()) {
            return kind.columns();
        }
        List<Kind.Column> columns = new ArrayList<>(BuiltInColumns.of(kind));
        columns.add(AGE);
        return columns;
    }

    private JsonNode cell(Kind.Column column, JsonNode object) {
        List<JsonNode> values;
        try {
            values = JsonPath.find(object, column.jsonPath());
        } catch (IllegalArgumentException e) {
            return JSON.nullNode();
        }
        if (values.isEmpty() || values.get(0).isNull()) {
            return JSON.nullNode();
        }
        if (column.type().equals("date")) {
            return JSON.textNode(age(values.get(0).asText()));
        }
        if (values.size() == 1) {
            JsonNode value = values.get(0);
            return switch (column.type()) {
                case "integer" -> value.canConvertToLong() ? JSON.numberNode(value.asLong()) : JSON.textNode(value.asText());
                case "number" -> value.isNumber() ? value : JSON.textNode(value.asText());
                case "boolean" -> value.isBoolean() ? value : JSON.textNode(value.asText());
                default -> value.isValueNode() ? JSON.textNode(value.asText()) : JSON.textNode(value.toString());
            };
        }
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.isValueNode() ? v.asText() : v.toString()));
        return JSON.textNode(String.join(",", texts));
    }

    private String age(String timestamp) {
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), Instant.now(clock)));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** The way kubectl and kube-apiserver print ages: 45s, 3m20s, 5h, 12d, 2y3d. */
    static String humanDuration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        }
        if (hours < 24 * 365 * 8) {
            long d = (hours / 24) % 365;
            return d == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + d + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    /** A few columns of kube-apiserver's own printers for the built-in kinds, where one JSONPath gives them. */
    private static final class BuiltInColumns {

        static List<Kind.Column> of(Kind kind) {
            return switch (kind.kind()) {
                case "Namespace" -> List.of(column("Status", ".status.phase"));
                case "Secret" -> List.of(column("Type", ".type"));
                case "Lease" -> List.of(column("Holder", ".spec.holderIdentity"));
                case "Event" -> List.of(column("Type", ".type"), column("Reason", ".reason"),
                        column("Object", ".involvedObject.name"), column("Message", ".message"));
                default -> List.of();
            };
        }

        private static Kind.Column column(String name, String path) {
            return new Kind.Column(name, "string", "", "", 0, path);
        }
    }
}
