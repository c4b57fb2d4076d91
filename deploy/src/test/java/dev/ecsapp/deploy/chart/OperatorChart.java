package dev.ecsapp.deploy.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.ecsapp.deploy.RepositoryFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The operator's Helm chart in deploy/helm/ecsapp-operator, rendered in-process by helm-java. */
public final class OperatorChart {

    /** The release the kustomize base stands for: the chart installed as documented in its README. */
    public static final String RELEASE = "ecsapp-operator";
    public static final String NAMESPACE = "ecsapp-system";

    private OperatorChart() {
    }

    public static Path dir() {
        return RepositoryFiles.deploy().resolve("helm").resolve("ecsapp-operator");
    }

    /** The templates with the default values. CRDs are not templates: see {@link #crds()}. */
    public static List<HasMetadata> render() {
        return Manifests.parse(renderText(UnaryOperator.identity()));
    }

    /** The templates with values set as {@code --set key=value} would; list items by index ({@code key[0]}). */
    public static List<HasMetadata> render(Map<String, Object> values) {
        return Manifests.parse(renderText(values));
    }

    public static String renderText(Map<String, Object> values) {
        return renderText(command -> {
            values.forEach(command::set);
            return command;
        });
    }

    public static List<HasMetadata> render(Path valuesFile) {
        return Manifests.parse(renderText(command -> command.withValuesFile(valuesFile)));
    }

    /** The raw output of {@code helm template}; helm-java throws with Helm's message when rendering fails. */
    public static String renderText(UnaryOperator<TemplateCommand> options) {
        return options.apply(new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)).call();
    }

    /** The files in the chart's crds/ folder, which Helm installs before the templates. */
    public static List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(dir().resolve("crds"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<HasMetadata> crds() {
        return crdFiles().stream().flatMap(file -> {
            try {
                return Manifests.parse(Files.readString(file)).stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
