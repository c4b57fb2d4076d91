package dev.ecsapp.sandbox.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CloudWatch Logs' rules for log group names, retention days and tags, without a server. */
class LogGroupRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/ecs/web", "a", "my.app_logs-1#2", "/aws/lambda/Job"})
    void namesOfAllowedCharactersPass(String name) {
        assertThat(LogGroupRules.nameProblem("logGroupName", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web app", "web:logs", "web*", "ünicode"})
    void namesWithOtherCharactersFailThePattern(String name) {
        assertThat(LogGroupRules.nameProblem("logGroupName", name)).hasValueSatisfying(m -> assertThat(m)
                .endsWith("Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+"));
    }

    @Test
    void anEmptyNameIsTooShort() {
        assertThat(LogGroupRules.nameProblem("logGroupName", "")).contains("1 validation error detected: Value '' at "
                + "'logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void aNameOf513CharactersIsTooLong() {
        assertThat(LogGroupRules.nameProblem("logGroupName", "a".repeat(513))).hasValueSatisfying(m -> assertThat(m)
                .endsWith("Member must have length less than or equal to 512"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
            3288, 3653})
    void everyRetentionAwsOffersPasses(int days) {
        assertThat(LogGroupRules.retentionProblem(days)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 31, 366, 3650, -1})
    void otherRetentionsFail(int days) {
        assertThat(LogGroupRules.retentionProblem(days)).isPresent();
    }

    @Test
    void aMissingRetentionMustNotBeNull() {
        assertThat(LogGroupRules.retentionProblem(null)).contains("1 validation error detected: Value null at "
                + "'retentionInDays' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aTagKeyWithAnAsteriskFails() {
        assertThat(LogGroupRules.tagProblem(Map.of("team*", "x"))).isPresent();
    }

    @Test
    void tagsOfLettersDigitsAndPunctuationAwsAllowsPass() {
        assertThat(LogGroupRules.tagProblem(Map.of("app.kubernetes.io/name", "web-app", "cost centre", ""))).isEmpty();
    }
}
