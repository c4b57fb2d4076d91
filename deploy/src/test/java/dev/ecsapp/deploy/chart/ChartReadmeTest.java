package dev.ecsapp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The values table in the chart's README.md names every value in values.yaml, and only those. */
class ChartReadmeTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`[^|]+`) \\|", Pattern.MULTILINE);

    @Test
    void theValuesTableAndValuesYamlNameTheSameValues() throws IOException {
        Set<String> documented = documentedKeys();
        List<String> leaves = new ArrayList<>();
        leafPaths("", new YAMLMapper().readTree(OperatorChart.dir().resolve("values.yaml").toFile()), leaves);

        assertThat(leaves).as("values.yaml").isNotEmpty();
        assertThat(leaves.stream().filter(path -> documented.stream().noneMatch(key -> covers(key, path))))
                .as("values with no row in the README (a row may cover a whole map)").isEmpty();
        assertThat(documented.stream().filter(key -> leaves.stream().noneMatch(path -> covers(key, path))))
                .as("README rows for values that values.yaml does not have").isEmpty();
    }

    private static boolean covers(String documentedKey, String valuePath) {
        return valuePath.equals(documentedKey) || valuePath.startsWith(documentedKey + ".");
    }

    private static Set<String> documentedKeys() throws IOException {
        String readme = Files.readString(OperatorChart.dir().resolve("README.md"));
        Set<String> keys = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(readme);
        while (row.find()) {
            Arrays.stream(row.group(1).split(",")).map(k -> k.strip().replace("`", "")).forEach(keys::add);
        }
        return keys;
    }

    /** Paths to every value that is not a map with entries (lists and empty maps are values). */
    private static void leafPaths(String prefix, JsonNode node, List<String> into) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                leafPaths(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.add(prefix);
        }
    }
}
