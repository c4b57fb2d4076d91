package dev.ecsapp.operator.aws;

import java.util.Optional;

/** The parts of a container image reference: [registry[:port]/]repository[:tag][@digest]. */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

    public static ImageReference parse(String image) {
        String rest = image;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        // A colon before the last slash belongs to a registry port (registry:5000/app), not to a tag.
        int colon = rest.lastIndexOf(':');
        Optional<String> tag = Optional.empty();
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** What the image calls its version: the tag, else the digest, else "latest" (what Docker pulls then). */
    public String version() {
        return tag.or(() -> digest).orElse("latest");
    }

    /** True when the reference pins something: a tag or a digest. */
    public boolean pinned() {
        return tag.isPresent() || digest.isPresent();
    }
}
