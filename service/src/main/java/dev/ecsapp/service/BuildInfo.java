package dev.ecsapp.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * What was built: version, git commit and build time, baked into {@code build-info.properties} by Maven.
 *
 * @param version   the project version, or {@code APP_VERSION} when the environment sets it
 * @param commit    the git commit the jar was built from ({@code unknown} when built outside a checkout)
 * @param buildTime when the jar was built, ISO-8601 UTC
 */
public record BuildInfo(String version, String commit, String buildTime) {

    static final String RESOURCE = "/build-info.properties";

    /** Reads the build's own record from the class path. */
    public static BuildInfo fromClasspath() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: the jar was not built "
                        + "by Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                properties.getProperty("version"),
                properties.getProperty("commit"),
                properties.getProperty("buildTime"));
    }

    /** The pipeline and the operator set APP_VERSION to the image tag they deploy; it wins over the built version. */
    public BuildInfo withVersionOverride(Optional<String> override) {
        return override.map(v -> new BuildInfo(v, commit, buildTime)).orElse(this);
    }
}
