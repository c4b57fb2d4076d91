package dev.ecsapp.operator.desired;

import java.nio.charset.StandardCharsets;

/** Which EcsApp a resource belongs to: its namespace and name, the key of every name and ownership tag. */
public record AppIdentity(String namespace, String name) {

    /** The value of the owner tag: namespace/name. */
    public String owner() {
        return namespace + "/" + name;
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of {@link #owner()}: short, stable, unique enough. */
    public String hash(int hexDigits) {
        return Sha256.hex(owner().getBytes(StandardCharsets.UTF_8), hexDigits);
    }
}
