package dev.ecsapp.sandbox.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.SandboxExtension;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same calls against the sandbox and against moto, answers compared field by field. Where they differ, the
 * difference must be judged in {@link KnownDifferences} (which one matches AWS, and why); an unjudged difference fails.
 */
class DifferentialTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    @RegisterExtension
    static MotoServer moto = new MotoServer();

    static List<Scenarios.Scenario> scenarios() {
        return Scenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyDifferenceFromMotoIsJudged(Scenarios.Scenario scenario) {
        JsonNode ours;
        JsonNode theirs;
        try (Clients sandboxClients = new Clients(sandbox.endpoint()); Clients motoClients = new Clients(
                moto.endpoint())) {
            ours = scenario.run().apply(sandboxClients);
            theirs = scenario.run().apply(motoClients);
        }

        List<Difference> differences = Difference.between(ours, theirs);
        List<KnownDifferences.Known> known = KnownDifferences.ALL.stream()
                .filter(k -> k.scenario().equals(scenario.name())).toList();
        Set<String> judged = known.stream().map(KnownDifferences.Known::path).collect(Collectors.toSet());
        Set<String> seen = differences.stream().map(Difference::path).collect(Collectors.toSet());

        assertThat(differences).as("differences nobody has judged yet; add them to KnownDifferences with the AWS "
                + "documentation that decides them").allSatisfy(d -> assertThat(judged).contains(d.path()));
        assertThat(known).as("judged differences that no longer occur; remove them from KnownDifferences")
                .allSatisfy(k -> assertThat(seen).contains(k.path()));
    }
}
