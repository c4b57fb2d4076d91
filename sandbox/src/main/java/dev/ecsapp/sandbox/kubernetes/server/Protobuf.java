package dev.ecsapp.sandbox.kubernetes.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Just enough of kube's protobuf wire format to read what kubectl's generators send ({@code kubectl create
 * namespace}, {@code kubectl create configmap}) and what Helm's release storage writes (a Secret per release
 * revision, created and updated with client-go's typed client, which speaks protobuf): the {@code k8s\0} envelope,
 * its runtime.Unknown, and of the object its name, namespace, resourceVersion, labels, annotations, finalizers, a
 * ConfigMap's data, a Secret's data, stringData, type and immutable. Clients take JSON answers, so none are
 * written.
 */
final class Protobuf {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private Protobuf() {
    }

    /** The object a protobuf body holds, as JSON; a 415 for kinds the server cannot read this way. */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw unsupported();
        }
        Reader unknown = new Reader(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (unknown.more()) {
            int tag = unknown.tag();
            if (tag == 1) {
                Reader typeMeta = unknown.message();
                while (typeMeta.more()) {
                    int field = typeMeta.tag();
                    if (field == 1) {
                        apiVersion = typeMeta.string();
                    } else if (field == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip();
                    }
                }
            } else if (tag == 2) {
                raw = unknown.bytes();
            } else {
                unknown.skip();
            }
        }
        if (kind.equals("DeleteOptions") && (apiVersion.equals("v1") || apiVersion.equals("meta.k8s.io/v1"))) {
            return deleteOptions(new Reader(raw, 0, raw.length));
        }
        if (!apiVersion.equals("v1") || !kind.equals("Namespace") && !kind.equals("ConfigMap")
                && !kind.equals("Secret")) {
            throw unsupported();
        }
        ObjectNode object = RestHandler.JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        Reader reader = new Reader(raw, 0, raw.length);
        while (reader.more()) {
            int tag = reader.tag();
            if (tag == 1) {
                object.set("metadata", metadata(reader.message()));
            } else if (tag == 2 && kind.equals("ConfigMap")) {
                entry(reader.message(), object.with("data"));
            } else if (tag == 2 && kind.equals("Secret")) {
                bytesEntry(reader.message(), object.with("data"));
            } else if (tag == 3 && kind.equals("Secret")) {
                object.put("type", reader.string());
            } else if (tag == 4 && kind.equals("Secret")) {
                entry(reader.message(), object.with("stringData"));
            } else if (tag == 5 && kind.equals("Secret")) {
                object.put("immutable", reader.varint() != 0);
            } else {
                reader.skip();
            }
        }
        return object;
    }

    /**
     * The body of a DELETE from client-go's typed clients (Helm's release storage purging a revision):
     * gracePeriodSeconds 1, preconditions 2 (uid 1, resourceVersion 2), orphanDependents 3, propagationPolicy 4,
     * dryRun 5.
     */
    private static ObjectNode deleteOptions(Reader reader) {
        ObjectNode options = RestHandler.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions");
        while (reader.more()) {
            switch (reader.tag()) {
                case 1 -> options.put("gracePeriodSeconds", reader.varint());
                case 2 -> {
                    Reader preconditions = reader.message();
                    ObjectNode into = options.putObject("preconditions");
                    while (preconditions.more()) {
                        switch (preconditions.tag()) {
                            case 1 -> into.put("uid", preconditions.string());
                            case 2 -> into.put("resourceVersion", preconditions.string());
                            default -> preconditions.skip();
                        }
                    }
                }
                case 3 -> options.put("orphanDependents", reader.varint() != 0);
                case 4 -> options.put("propagationPolicy", reader.string());
                case 5 -> options.withArray("dryRun").add(reader.string());
                default -> reader.skip();
            }
        }
        return options;
    }

    private static ObjectNode metadata(Reader reader) {
        ObjectNode metadata = RestHandler.JSON.createObjectNode();
        while (reader.more()) {
            switch (reader.tag()) {
                case 1 -> metadata.put("name", reader.string());
                case 2 -> metadata.put("generateName", reader.string());
                case 3 -> metadata.put("namespace", reader.string());
                case 6 -> metadata.put("resourceVersion", reader.string());
                case 11 -> entry(reader.message(), metadata.with("labels"));
                case 12 -> entry(reader.message(), metadata.with("annotations"));
                case 14 -> metadata.withArray("finalizers").add(reader.string());
                default -> reader.skip();
            }
        }
        return metadata;
    }

    /** One entry of a {@code map<string, string>}: key 1, value 2. */
    private static void entry(Reader reader, ObjectNode into) {
        String key = "";
        String value = "";
        while (reader.more()) {
            int tag = reader.tag();
            if (tag == 1) {
                key = reader.string();
            } else if (tag == 2) {
                value = reader.string();
            } else {
                reader.skip();
            }
        }
        into.put(key, value);
    }

    /** One entry of a {@code map<string, bytes>} (a Secret's data): the value base64 as in JSON. */
    private static void bytesEntry(Reader reader, ObjectNode into) {
        String key = "";
        byte[] value = new byte[0];
        while (reader.more()) {
            int tag = reader.tag();
            if (tag == 1) {
                key = reader.string();
            } else if (tag == 2) {
                value = reader.bytes();
            } else {
                reader.skip();
            }
        }
        into.put(key, java.util.Base64.getEncoder().encodeToString(value));
    }

    private static ApiException unsupported() {
        return Statuses.unsupportedMediaType(MEDIA_TYPE, java.util.List.of("application/json", "application/yaml"));
    }

    /** Reads protobuf fields from a slice of bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;
        private int wireType;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        int tag() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw Statuses.badRequest("truncated protobuf body");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw Statuses.badRequest("malformed protobuf varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            if (length < 0 || position + length > end) {
                throw Statuses.badRequest("truncated protobuf body");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            out.write(bytes, position, length);
            position += length;
            return out.toByteArray();
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = (int) varint();
            if (length < 0 || position + length > end) {
                throw Statuses.badRequest("truncated protobuf body");
            }
            Reader inner = new Reader(bytes, position, position + length);
            position += length;
            return inner;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> {
                    // Not position += varint(): Java reads position before varint() moves it.
                    int length = (int) varint();
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw Statuses.badRequest("unsupported protobuf wire type " + wireType);
            }
        }
    }
}
