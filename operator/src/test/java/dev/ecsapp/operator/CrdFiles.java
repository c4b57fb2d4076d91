package dev.ecsapp.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the generated and the committed CRD live, and the CRD's schema as a tree. */
public final class CrdFiles {

    public static final String FILE_NAME = "ecsapps.ecsapp.dev-v1.yml";
    /** Written by crd-generator-maven-plugin during process-classes; surefire runs in the module directory. */
    public static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE_NAME);
    public static final Path COMMITTED = Path.of("..", "crds", FILE_NAME);

    private CrdFiles() {
    }

    /** The openAPIV3Schema of the generated CRD's only version. */
    public static JsonNode generatedSchema() {
        try {
            JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(GENERATED.toFile());
            return crd.at("/spec/versions/0/schema/openAPIV3Schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
