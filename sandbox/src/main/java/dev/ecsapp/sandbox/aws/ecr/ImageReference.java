package dev.ecsapp.sandbox.aws.ecr;

/**
 * An image reference, {@code host/repository[:tag][@digest]}, split as Docker splits it.
 *
 * <p>The first path segment is a registry host only when it has a dot or a port or is {@code localhost}.
 *
 * @param host       the registry host, or {@code null} for Docker Hub short names ({@code nginx:1.27})
 * @param repository the repository path within the registry
 * @param tag        the tag, or {@code null}
 * @param digest     the digest ({@code sha256:...}), or {@code null}
 */
record ImageReference(String host, String repository, String tag, String digest) {

    static ImageReference parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String host = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(host, rest, tag, digest);
    }

    /** The tag a pull uses: the one named, or {@code latest} when neither a tag nor a digest is. */
    String effectiveTag() {
        return tag == null && digest == null ? "latest" : tag;
    }

    /** The reference as the container runtime resolves it, with the implicit {@code latest} spelled out. */
    String normalized() {
        String tagPart = effectiveTag() == null ? "" : ":" + effectiveTag();
        return (host == null ? "" : host + "/") + repository + tagPart + (digest == null ? "" : "@" + digest);
    }
}
