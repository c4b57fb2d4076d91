package dev.ecsapp.deploy.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/iam/operator-policy.json: a Terraform templatefile() template whose ${...} placeholders Terraform fills
 * (partition, region, account, cluster, load balancer, role path), read as IAM statements.
 */
public final class OperatorPolicy {

    /**
     * The longest {@code name} deploy/terraform accepts; the cluster, the load balancer and the app role path are
     * made from it, and the policy's size is checked with names this long. TerraformFilesTest holds the variable's
     * validation to it.
     */
    public static final int TERRAFORM_NAME_MAX_LENGTH = 24;

    public static final Path FILE = RepositoryFiles.deploy().resolve("iam").resolve("operator-policy.json");
    static final Path README = RepositoryFiles.deploy().resolve("iam").resolve("README.md");

    /** Values of the shape Terraform passes, to render the template into a policy IAM would accept. */
    static final Map<String, String> SAMPLE_VALUES = Map.of(
            "partition", "aws",
            "region", "eu-west-1",
            "account_id", "123456789012",
            "cluster_name", "ecsapp-production",
            "load_balancer_name", "ecsapp-production",
            "app_role_path", "/ecsapp/apps/");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One statement; Action and Resource are lists even where the file gives a single string. */
    record Statement(String sid, List<String> actions, List<String> resources, JsonNode condition) {

        boolean hasCondition(String operator, String key) {
            return condition != null && condition.path(operator).has(key);
        }
    }

    private OperatorPolicy() {
    }

    public static String template() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SortedSet<String> placeholders(String template) {
        SortedSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The template with every placeholder replaced, as templatefile() does; a name without a value is an error. */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<Statement> statements(String policy) {
        try {
            JsonNode root = JSON.readTree(policy);
            List<Statement> statements = new ArrayList<>();
            for (JsonNode statement : root.path("Statement")) {
                statements.add(new Statement(statement.path("Sid").asText(null), strings(statement.get("Action")),
                        strings(statement.get("Resource")), statement.get("Condition")));
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Statement> rendered() {
        return statements(render(template(), SAMPLE_VALUES));
    }

    static SortedSet<String> actions(List<Statement> statements) {
        SortedSet<String> actions = new TreeSet<>();
        statements.forEach(statement -> actions.addAll(statement.actions()));
        return actions;
    }

    /** The README's table: Sid (the first cell, in backticks) to the rest of its row. */
    static Map<String, String> readmeRows() {
        try {
            Map<String, String> rows = new LinkedHashMap<>();
            for (String line : Files.readAllLines(README)) {
                Matcher m = Pattern.compile("^\\|\\s*`([A-Za-z0-9]+)`\\s*\\|(.*)\\|\\s*$").matcher(line);
                if (m.matches()) {
                    rows.put(m.group(1), m.group(2).trim());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
