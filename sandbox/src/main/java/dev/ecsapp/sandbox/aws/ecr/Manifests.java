package dev.ecsapp.sandbox.aws.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What ECR derives from an image manifest: its digest, media types and the image's size. */
final class Manifests {

    /** An OCI manifest may leave out its media type; ECR then takes it for an OCI image manifest. */
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private Manifests() {
    }

    /** {@code sha256:} and the hex SHA-256 of the manifest's bytes, as a registry computes a content digest. */
    static String digest(String manifest) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String mediaType(JsonNode manifest, String requested) {
        if (requested != null) {
            return requested;
        }
        return manifest.path("mediaType").isTextual() ? manifest.get("mediaType").asText() : OCI_MANIFEST;
    }

    /** The config's media type, which ECR reports as the artifact's, or {@code null} without a config. */
    static String artifactMediaType(JsonNode manifest) {
        JsonNode type = manifest.path("config").path("mediaType");
        return type.isTextual() ? type.asText() : null;
    }

    /** The compressed layers plus the config, as ECR sizes an image; the manifest's own length when it lists none. */
    static long sizeInBytes(JsonNode manifest, String text) {
        long size = manifest.path("config").path("size").asLong(0);
        for (JsonNode layer : manifest.path("layers")) {
            size += layer.path("size").asLong(0);
        }
        return size > 0 ? size : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
