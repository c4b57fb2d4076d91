package dev.ecsapp.operator.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Which EcsApp a resource belongs to: its namespace and name, the key of every name and ownership tag. */
public record AppIdentity(String namespace, String name) {

    /** The value of the owner tag: namespace/name. */
    public String owner() {
        return namespace + "/" + name;
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of {@link #owner()}: short, stable, unique enough. */
    public String hash(int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
