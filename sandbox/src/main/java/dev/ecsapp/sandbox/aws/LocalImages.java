package dev.ecsapp.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The images pushed to the sandbox's registry, as the local task runtime needs them to start a container: the
 * image's config (entrypoint, command, environment, working directory, user) and its layers in order. ECR's
 * registry implements it; an image of another registry, or a tag never pushed, resolves to nothing.
 */
public interface LocalImages {

    /** One layer: its digest, its media type (a gzip'd or plain tar) and its bytes. */
    interface Layer {
        String digest();

        String mediaType();

        InputStream open() throws IOException;
    }

    /** An image's manifest digest, its config blob (the OCI image config document) and its layers, bottom first. */
    record Image(String digest, JsonNode config, List<Layer> layers) {
    }

    /**
     * The image that a task definition's {@code image} names ({@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag},
     * {@code ...@sha256:...}, or the registry's loopback address in their place), or empty.
     */
    Optional<Image> resolve(String image);
}
