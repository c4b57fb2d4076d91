package dev.ecsapp.operator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's whole configuration: team-wide defaults for apps, how often to poll AWS, and how to run. Read once
 * at start from {@code ECSAPP_*} environment variables, which {@code --name=value} flags override.
 *
 * @param defaults           what an app may leave out (cluster, region, subnets, security groups, listener, roles)
 * @param pollWhileConverging how soon an app that is not Ready is looked at again (AWS has no watch)
 * @param pollWhenReady      how often the services of Ready apps are checked, ten to a DescribeServices call; an app
 *                           whose service no longer matches its status is reconciled at once
 * @param fullResync         how often a Ready app gets a full reconcile anyway, which also reads (and corrects) the
 *                           resources the service check does not see: rule, target group, log group, scaling, repository
 * @param pollJitter         a random share (0 to 0.5) added to each poll so that apps do not poll in lockstep
 * @param serverSideApply    patch with server-side apply (on by default; off only for an API server that refuses it,
 *                           such as fabric8's mock behind the sandbox's {@code --kubernetes mock})
 * @param metricsPort        port of the metrics and health endpoints
 * @param leaderElection     take a Lease before reconciling (for more than one replica)
 * @param namespaces         namespaces to watch; empty means all
 * @param listenerRules      which namespaces may choose a rule priority or use a kept host
 * @param keepTaskDefinitions how many of its newest ACTIVE task definition revisions each app keeps; older ones the
 *                           operator made are deregistered
 */
public record OperatorConfig(
        OperatorDefaults defaults,
        Duration pollWhileConverging,
        Duration pollWhenReady,
        Duration fullResync,
        double pollJitter,
        boolean serverSideApply,
        int metricsPort,
        boolean leaderElection,
        List<String> namespaces,
        ListenerRulePolicy listenerRules,
        int keepTaskDefinitions) {

    /** ACTIVE revisions an app keeps unless told otherwise: enough to roll back a few releases by hand. */
    public static final int DEFAULT_KEEP_TASK_DEFINITIONS = 10;

    /** Without limits on listener rules: any namespace may choose a priority and use any host. */
    public OperatorConfig(OperatorDefaults defaults, Duration pollWhileConverging, Duration pollWhenReady,
            Duration fullResync, double pollJitter, boolean serverSideApply, int metricsPort, boolean leaderElection,
            List<String> namespaces) {
        this(defaults, pollWhileConverging, pollWhenReady, fullResync, pollJitter, serverSideApply, metricsPort,
                leaderElection, namespaces, ListenerRulePolicy.open());
    }

    /** With the default number of task definition revisions kept. */
    public OperatorConfig(OperatorDefaults defaults, Duration pollWhileConverging, Duration pollWhenReady,
            Duration fullResync, double pollJitter, boolean serverSideApply, int metricsPort, boolean leaderElection,
            List<String> namespaces, ListenerRulePolicy listenerRules) {
        this(defaults, pollWhileConverging, pollWhenReady, fullResync, pollJitter, serverSideApply, metricsPort,
                leaderElection, namespaces, listenerRules, DEFAULT_KEEP_TASK_DEFINITIONS);
    }

    /** A setting the operator refuses to start with; the message is the one line printed before exit code 2. */
    public static final class BadSetting extends Exception {
        private static final long serialVersionUID = 1L;

        BadSetting(String message) {
            super(message);
        }
    }

    /** Every setting: its flag (also the environment variable, upper-cased with ECSAPP_), and what it takes. */
    static final Map<String, String> SETTINGS = settings();

    private static final String REGION_FALLBACK = "AWS_REGION";
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[^:]+:\\d{12}:"
            + "cluster/[A-Za-z0-9_-]{1,255}");
    private static final Pattern LISTENER = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:"
            + "listener/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h)");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** What ALB takes as a host-header value (validation/ListenerRuleConditions says the same of an app's hosts). */
    private static final Pattern HOST = Pattern.compile("(?=.*\\.)[A-Za-z0-9.*?-]{1,128}");
    private static final String HOST_NAMESPACES_FORM = "host=namespace|namespace entries, comma-separated, like "
            + "shop.example.com=shop,*.team.example.com=team|team2";

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster", "ECS cluster name or ARN for apps that name none");
        s.put("region", "AWS region (default: AWS_REGION)");
        s.put("subnets", "comma-separated subnet IDs for apps that name none");
        s.put("security-groups", "comma-separated security group IDs for apps that name none");
        s.put("listener-arn", "ALB listener ARN for apps that name none");
        s.put("execution-role-arn", "task execution role ARN for apps that name none");
        s.put("task-role-arn", "task role ARN for apps that name none");
        s.put("poll-converging", "poll interval while an app converges (default 5s)");
        s.put("poll-ready", "interval of the batched service check of Ready apps (default 1m)");
        s.put("full-resync", "interval of a full reconcile of each Ready app (default 30m)");
        s.put("poll-jitter", "share of random jitter added to each poll, 0 to 0.5 (default 0.2)");
        s.put("server-side-apply", "true or false (default true; false for the sandbox's API server)");
        s.put("metrics-port", "port of /metrics, /healthz and /readyz (default 8080)");
        s.put("leader-election", "true or false (default false; true with more than one replica)");
        s.put("namespaces", "comma-separated namespaces to watch (default: all)");
        s.put("keep-task-definitions", "ACTIVE task definition revisions each app keeps, 1 to 100 (default 10)");
        s.put("priority-namespaces", "comma-separated namespaces whose apps may set loadBalancer.priority "
                + "(default: all)");
        s.put("host-namespaces", "hosts kept for namespaces: host=ns|ns,... e.g. shop.example.com=shop,"
                + "*.team.example.com=team|team2; an app may use a host within a listed one only from those "
                + "namespaces (default: none kept)");
        return s;
    }

    /** The usage text: one line a setting. */
    public static String usage() {
        StringBuilder text = new StringBuilder("settings (flag --name=value, or environment ECSAPP_NAME):\n");
        SETTINGS.forEach((name, what) -> text.append(String.format("  --%-20s %s%n", name, what)));
        return text.toString();
    }

    /**
     * Reads the settings: environment first, flags over it.
     *
     * @throws BadSetting naming the setting, the value and what it accepts
     */
    public static OperatorConfig parse(Map<String, String> env, String[] args) throws BadSetting {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : SETTINGS.keySet()) {
            String fromEnv = env.get(envName(name));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(name, fromEnv.trim());
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new BadSetting("'" + arg + "' is not a --name=value flag (see --help)");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!SETTINGS.containsKey(name)) {
                throw new BadSetting("unknown setting --" + name + " (see --help)");
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1).trim());
        }
        String region = values.getOrDefault("region", env.get(REGION_FALLBACK));
        OperatorDefaults defaults = new OperatorDefaults(
                matching(values, "cluster", CLUSTER, "an ECS cluster name or ARN"),
                region == null ? null : checked("region", region, REGION, "a region name like us-east-1"),
                ids(values, "subnets", SUBNET, "subnet IDs like subnet-0123456789abcdef0"),
                ids(values, "security-groups", SECURITY_GROUP, "security group IDs like sg-0123456789abcdef0"),
                matching(values, "listener-arn", LISTENER, "an ALB listener ARN (arn:aws:elasticloadbalancing:"
                        + "REGION:ACCOUNT:listener/app/NAME/ID/ID)"),
                matching(values, "execution-role-arn", ROLE, "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)"),
                matching(values, "task-role-arn", ROLE, "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)"));
        Duration converging = duration(values, "poll-converging", Duration.ofSeconds(5));
        Duration ready = duration(values, "poll-ready", Duration.ofMinutes(1));
        if (ready.compareTo(converging) < 0) {
            throw new BadSetting("--poll-ready (" + values.getOrDefault("poll-ready", "1m") + ") must not be shorter "
                    + "than --poll-converging (" + values.getOrDefault("poll-converging", "5s") + ")");
        }
        Duration full = duration(values, "full-resync", Duration.ofMinutes(30));
        if (full.compareTo(ready) < 0) {
            throw new BadSetting("--full-resync (" + values.getOrDefault("full-resync", "30m") + ") must not be shorter "
                    + "than --poll-ready (" + values.getOrDefault("poll-ready", "1m") + ")");
        }
        return new OperatorConfig(defaults, converging, ready, full, jitter(values),
                bool(values, "server-side-apply", true),
                port(values), bool(values, "leader-election", false), namespaces(values, "namespaces"),
                new ListenerRulePolicy(namespaces(values, "priority-namespaces"), hostNamespaces(values)),
                keepTaskDefinitions(values));
    }

    /** Every environment variable {@link #parse} reads: one per setting, and AWS_REGION as the region's fallback. */
    public static List<String> environmentVariables() {
        List<String> names = new ArrayList<>(SETTINGS.keySet().stream().map(OperatorConfig::envName).toList());
        names.add(REGION_FALLBACK);
        return List.copyOf(names);
    }

    static String envName(String setting) {
        return "ECSAPP_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String matching(Map<String, String> values, String name, Pattern pattern, String expected)
            throws BadSetting {
        String value = values.get(name);
        return value == null ? null : checked(name, value, pattern, expected);
    }

    private static String checked(String name, String value, Pattern pattern, String expected) throws BadSetting {
        if (!pattern.matcher(value).matches()) {
            throw new BadSetting(bad(name, value, expected));
        }
        return value;
    }

    private static List<String> ids(Map<String, String> values, String name, Pattern pattern, String expected)
            throws BadSetting {
        String value = values.get(name);
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : value.split(",")) {
            ids.add(checked(name, id.trim(), pattern, expected));
        }
        return ids;
    }

    private static Duration duration(Map<String, String> values, String name, Duration fallback) throws BadSetting {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofHours(24)) <= 0) {
                return d;
            }
        }
        throw new BadSetting(bad(name, value, "a duration from 100ms to 24h, like 5s, 30s, 5m"));
    }

    private static double jitter(Map<String, String> values) throws BadSetting {
        String value = values.get("poll-jitter");
        if (value == null) {
            return 0.2;
        }
        try {
            double jitter = Double.parseDouble(value);
            if (jitter >= 0 && jitter <= 0.5) {
                return jitter;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadSetting(bad("poll-jitter", value, "a number from 0 to 0.5"));
    }

    private static boolean bool(Map<String, String> values, String name, boolean fallback) throws BadSetting {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (Set.of("true", "false").contains(value.toLowerCase(Locale.ROOT))) {
            return Boolean.parseBoolean(value);
        }
        throw new BadSetting(bad(name, value, "true or false"));
    }

    private static int keepTaskDefinitions(Map<String, String> values) throws BadSetting {
        String value = values.get("keep-task-definitions");
        if (value == null) {
            return DEFAULT_KEEP_TASK_DEFINITIONS;
        }
        try {
            int keep = Integer.parseInt(value);
            if (keep >= 1 && keep <= 100) {
                return keep;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadSetting(bad("keep-task-definitions", value, "a whole number from 1 to 100"));
    }

    private static int port(Map<String, String> values) throws BadSetting {
        String value = values.get("metrics-port");
        if (value == null) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadSetting(bad("metrics-port", value, "a port from 1 to 65535"));
    }

    private static List<String> namespaces(Map<String, String> values, String name) throws BadSetting {
        String value = values.get(name);
        if (value == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String namespace : Arrays.stream(value.split(",")).map(String::trim).toList()) {
            names.add(checked(name, namespace, NAMESPACE, "Kubernetes namespace names"));
        }
        return names;
    }

    private static Map<String, List<String>> hostNamespaces(Map<String, String> values) throws BadSetting {
        String value = values.get("host-namespaces");
        Map<String, List<String>> kept = new LinkedHashMap<>();
        if (value == null) {
            return kept;
        }
        for (String entry : Arrays.stream(value.split(",", -1)).map(String::trim).toList()) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new BadSetting(bad("host-namespaces", value, HOST_NAMESPACES_FORM + " ('" + entry
                        + "' has no =)"));
            }
            // ALB compares host names case-insensitively.
            String host = entry.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(host).matches()) {
                throw new BadSetting(bad("host-namespaces", value, HOST_NAMESPACES_FORM + " ('" + host + "' is not "
                        + "a host name with a dot, in letters, digits, - . and the wildcards * and ?)"));
            }
            List<String> namespaces = new ArrayList<>();
            for (String namespace : entry.substring(equals + 1).split("\\|", -1)) {
                if (!NAMESPACE.matcher(namespace.trim()).matches()) {
                    throw new BadSetting(bad("host-namespaces", value, HOST_NAMESPACES_FORM + " ('" + namespace.trim()
                            + "' after " + host + "= is not a namespace name)"));
                }
                namespaces.add(namespace.trim());
            }
            if (kept.put(host, namespaces) != null) {
                throw new BadSetting(bad("host-namespaces", value, HOST_NAMESPACES_FORM + " (" + host
                        + " is listed twice; join its namespaces with |)"));
            }
        }
        return kept;
    }

    private static String bad(String name, String value, String expected) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "--" + name + " (" + envName(name) + ") = '" + shown + "': expected " + expected;
    }
}
