package dev.ecsapp.deploy.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.deploy.RepositoryFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * .github/scripts/ship-service.sh refuses bad usage with one line and exit code 2, before it calls AWS, kubectl or
 * Maven. (Its steps themselves run end to end against the sandbox in the demo module's WhileTheMainJobRunsTest.)
 */
class ShipServiceScriptTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "|a step is needed: push, deploy, wait, check or all",
        "ship 1.0|unknown step 'ship': expected push, deploy, wait, check or all",
        "push|push needs its VERSION argument",
        "deploy|deploy needs its IMAGE argument",
        "push 1.0 --bogus|unknown flag '--bogus' (see the comment at the top of this script)",
        "push latest|'latest' is a moving tag; ship a version",
        "push 1.0/2|'1.0/2' is not a version usable as an image tag",
        "all 1.0|--app NAMESPACE/NAME is needed for all (got '')",
        "wait x:1 --app Default/hello|--app NAMESPACE/NAME is needed for wait (got 'Default/hello')",
        "check 1.0 --app default/hello --connect-to localhost|--connect-to: 'localhost' is not HOST:PORT",
        "push 1.0 --timeout|--timeout needs a value",
        "push 1.0 2.0|unexpected argument '2.0'",
    })
    void badUsageIsOneLineAndExitCodeTwo(String arguments, String message) {
        List<String> command = new ArrayList<>(List.of("bash", ".github/scripts/ship-service.sh"));
        if (arguments != null) {
            command.addAll(List.of(arguments.split(" ")));
        }

        Processes.Result result = Processes.run(RepositoryFiles.root(), Map.of(), command);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("ship-service.sh: " + message + "\n");
    }
}
