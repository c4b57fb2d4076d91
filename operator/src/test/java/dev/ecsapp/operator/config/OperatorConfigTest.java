package dev.ecsapp.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {

    private static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/"
            + "50dc6c495c0c9188/f2f7dc8efc522ab2";

    @Test
    void nothingSetGivesNoDefaultsAndTheStandardPolling() throws Exception {
        OperatorConfig config = OperatorConfig.parse(Map.of(), new String[0]);

        assertThat(config.defaults()).isEqualTo(OperatorDefaults.none());
        assertThat(config.pollWhileConverging()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pollWhenReady()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.fullResync()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.pollJitter()).isEqualTo(0.2);
        assertThat(config.serverSideApply()).isTrue();
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.metricsPort()).isEqualTo(8080);
        assertThat(config.namespaces()).isEmpty();
        assertThat(config.listenerRules()).isEqualTo(ListenerRulePolicy.open());
    }

    @Test
    void theEnvironmentSetsTeamDefaults() throws Exception {
        OperatorConfig config = OperatorConfig.parse(Map.of(
                "ECSAPP_CLUSTER", "platform",
                "AWS_REGION", "eu-west-1",
                "ECSAPP_SUBNETS", "subnet-0123456789abcdef0, subnet-0fedcba9876543210",
                "ECSAPP_SECURITY_GROUPS", "sg-0123456789abcdef0",
                "ECSAPP_LISTENER_ARN", LISTENER,
                "ECSAPP_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"), new String[0]);

        assertThat(config.defaults()).isEqualTo(new OperatorDefaults("platform", "eu-west-1",
                List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"), List.of("sg-0123456789abcdef0"),
                LISTENER, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", null));
    }

    @Test
    void flagsOverrideTheEnvironment() throws Exception {
        OperatorConfig config = OperatorConfig.parse(Map.of("ECSAPP_CLUSTER", "from-env",
                "ECSAPP_POLL_READY", "10m"), new String[] {"--cluster=from-flag", "--server-side-apply=false",
                    "--namespaces=team-a,team-b"});

        assertThat(config.defaults().cluster()).isEqualTo("from-flag");
        assertThat(config.pollWhenReady()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.serverSideApply()).isFalse();
        assertThat(config.namespaces()).containsExactly("team-a", "team-b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--subnets=subnet-xyz|--subnets (ECSAPP_SUBNETS) = 'subnet-xyz': expected subnet IDs like subnet-0123456789abcdef0",
        "--region=mars|--region (ECSAPP_REGION) = 'mars': expected a region name like us-east-1",
        "--listener-arn=arn:aws:elasticloadbalancing:us-east-1:123:listener/app/x|--listener-arn (ECSAPP_LISTENER_ARN) = 'arn:aws:elasticloadbalancing:us-east-1:123:listener/app/x': expected an ALB listener ARN",
        "--poll-converging=5|--poll-converging (ECSAPP_POLL_CONVERGING) = '5': expected a duration from 100ms to 24h",
        "--poll-converging=25h|--poll-converging (ECSAPP_POLL_CONVERGING) = '25h': expected a duration from 100ms to 24h",
        "--poll-jitter=0.9|--poll-jitter (ECSAPP_POLL_JITTER) = '0.9': expected a number from 0 to 0.5",
        "--leader-election=yes|--leader-election (ECSAPP_LEADER_ELECTION) = 'yes': expected true or false",
        "--metrics-port=0|--metrics-port (ECSAPP_METRICS_PORT) = '0': expected a port from 1 to 65535",
        "--namespaces=Team_A|--namespaces (ECSAPP_NAMESPACES) = 'Team_A': expected Kubernetes namespace names",
        "--task-role-arn=role/x|--task-role-arn (ECSAPP_TASK_ROLE_ARN) = 'role/x': expected an IAM role ARN",
        "--priority-namespaces=shop,Web|--priority-namespaces (ECSAPP_PRIORITY_NAMESPACES) = 'Web': expected Kubernetes namespace names",
        "--colour=blue|unknown setting --colour (see --help)",
        "cluster=x|'cluster=x' is not a --name=value flag (see --help)",
    })
    void aBadSettingIsRefusedWithOneLineNamingItAndWhatItTakes(String flag, String message) {
        assertThatThrownBy(() -> OperatorConfig.parse(Map.of(), new String[] {flag}))
                .isInstanceOf(OperatorConfig.BadSetting.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "--host-namespaces=shop.example.com => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'shop.example.com': expected host=namespace|namespace entries",
        "--host-namespaces=shop.example.com= => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'shop.example.com=': expected host=namespace|namespace entries",
        "--host-namespaces=localhost=shop => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'localhost=shop': expected host=namespace|namespace entries, comma-separated, like shop.example.com=shop,*.team.example.com=team|team2 ('localhost' is not a host name with a dot",
        "--host-namespaces=a.example.com=x,,b.example.com=y => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'a.example.com=x,,b.example.com=y': expected host=namespace|namespace entries",
        "--host-namespaces=shop.example.com=shop|Shop => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'shop.example.com=shop|Shop': expected host=namespace|namespace entries",
        "--host-namespaces=a.example.com=x,A.example.com=y => --host-namespaces (ECSAPP_HOST_NAMESPACES) = 'a.example.com=x,A.example.com=y': expected host=namespace|namespace entries, comma-separated, like shop.example.com=shop,*.team.example.com=team|team2 (a.example.com is listed twice",
    })
    void aBadListOfKeptHostsIsRefusedNamingTheEntry(String flag, String message) {
        assertThatThrownBy(() -> OperatorConfig.parse(Map.of(), new String[] {flag}))
                .isInstanceOf(OperatorConfig.BadSetting.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theListenerRuleLimitsAreReadFromTheEnvironmentAndFlags() throws Exception {
        OperatorConfig config = OperatorConfig.parse(Map.of("ECSAPP_PRIORITY_NAMESPACES", "platform, edge"),
                new String[] {"--host-namespaces=Shop.example.com=shop, *.team.example.com=team|team2"});

        assertThat(config.listenerRules().priorityNamespaces()).containsExactly("platform", "edge");
        assertThat(config.listenerRules().hostNamespaces()).containsExactly(
                Map.entry("shop.example.com", List.of("shop")),
                Map.entry("*.team.example.com", List.of("team", "team2")));
    }

    @Test
    void theReadyPollMayNotBeFasterThanTheConvergingPoll() {
        assertThatThrownBy(() -> OperatorConfig.parse(Map.of(), new String[] {"--poll-converging=1m",
            "--poll-ready=30s"}))
                .hasMessage("--poll-ready (30s) must not be shorter than --poll-converging (1m)");
    }

    @Test
    void theFullResyncMayNotBeMoreFrequentThanTheReadyPoll() {
        assertThatThrownBy(() -> OperatorConfig.parse(Map.of("ECSAPP_FULL_RESYNC", "2m"), new String[] {
            "--poll-ready=5m"}))
                .hasMessage("--full-resync (2m) must not be shorter than --poll-ready (5m)");
    }

    @Test
    void theUsageListsEverySettingWithItsEnvironmentVariable() {
        assertThat(OperatorConfig.usage()).contains("--listener-arn", "--poll-ready", "ECSAPP_NAME");
        assertThat(OperatorConfig.envName("poll-ready")).isEqualTo("ECSAPP_POLL_READY");
        assertThat(OperatorConfig.usage().lines()).hasSize(OperatorConfig.SETTINGS.size() + 1);
    }

    @Test
    void taskDefinitionRevisionsKeptDefaultToTenAndTakeOneToAHundred() throws Exception {
        assertThat(OperatorConfig.parse(Map.of(), new String[0]).keepTaskDefinitions()).isEqualTo(10);
        assertThat(OperatorConfig.parse(Map.of("ECSAPP_KEEP_TASK_DEFINITIONS", "3"), new String[0])
                .keepTaskDefinitions()).isEqualTo(3);
        assertThatThrownBy(() -> OperatorConfig.parse(Map.of(), new String[] {"--keep-task-definitions=0"}))
                .isInstanceOf(OperatorConfig.BadSetting.class)
                .hasMessage("--keep-task-definitions (ECSAPP_KEEP_TASK_DEFINITIONS) = '0': expected a whole number "
                        + "from 1 to 100");
    }
}
