package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.operator.aws.AwsFailure.Kind;
import dev.ecsapp.operator.desired.ChangeClass;
import dev.ecsapp.operator.desired.DesiredTaskDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class TaskDefinitionAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private TaskDefinitionAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = new TaskDefinitionAdapter(sandbox.clients().ecs());
    }

    private DesiredTaskDefinition desired(String image) {
        return SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp(image)).taskDefinition();
    }

    @Test
    void aFamilyWithoutRevisionsIsObservedAsAbsent() {
        assertThat(adapter.observe("team-a_nothing")).isEmpty();
    }

    @Test
    void aRegisteredRevisionIsObservedEqualToTheDesiredOne() {
        DesiredTaskDefinition desired = desired("nginx:1.27");

        String arn = adapter.create(desired);

        ObservedTaskDefinition observed = adapter.observe(desired.family()).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(observed.diff(desired).changeClass()).isEqualTo(ChangeClass.NONE);
        assertThat(observed.tags()).containsAllEntriesOf(desired.tags());
    }

    @Test
    void anUnchangedSpecRegistersNothing() throws Exception {
        DesiredTaskDefinition desired = desired("nginx:1.27");
        String arn = adapter.create(desired);

        String used = adapter.update(desired, adapter.observe(desired.family()).orElseThrow());

        assertThat(used).isEqualTo(arn);
        assertThat(sandbox.successfulCalls("ecs", "RegisterTaskDefinition")).isEqualTo(1);
    }

    @Test
    void aChangedImageRegistersExactlyOneNewRevision() throws Exception {
        adapter.create(desired("nginx:1.27"));
        DesiredTaskDefinition changed = desired("nginx:1.28");

        String used = adapter.update(changed, adapter.observe(changed.family()).orElseThrow());

        assertThat(sandbox.successfulCalls("ecs", "RegisterTaskDefinition")).isEqualTo(2);
        ObservedTaskDefinition latest = adapter.observe(changed.family()).orElseThrow();
        assertThat(latest.arn()).isEqualTo(used);
        assertThat(latest.revision()).isEqualTo(2);
        assertThat(latest.definition().containerDefinitions().get(0).image()).isEqualTo("nginx:1.28");
    }

    @Test
    void aRevisionRegisteredByHandWithAnotherStopTimeoutIsReplacedByTheOperatorsOwn() throws Exception {
        DesiredTaskDefinition desired = desired("nginx:1.27");
        adapter.create(desired);
        RegisterTaskDefinitionRequest own = TaskDefinitionAdapter.request(desired);
        // What "Create new revision" in the console does: the latest revision with one field changed.
        sandbox.clients().ecs().registerTaskDefinition(own.toBuilder().containerDefinitions(
                own.containerDefinitions().get(0).toBuilder().stopTimeout(5).build()).build());

        ObservedTaskDefinition byHand = adapter.observe(desired.family()).orElseThrow();
        assertThat(byHand.revision()).isEqualTo(2);
        assertThat(byHand.diff(desired).changeClass()).isEqualTo(ChangeClass.NEW_REVISION);
        assertThat(byHand.diff(desired).changedPaths()).containsExactly("container.stopTimeout");

        String used = adapter.update(desired, byHand);

        ObservedTaskDefinition latest = adapter.observe(desired.family()).orElseThrow();
        assertThat(latest.arn()).isEqualTo(used);
        assertThat(latest.revision()).isEqualTo(3);
        assertThat(latest.diff(desired).changeClass()).isEqualTo(ChangeClass.NONE);
    }

    @Test
    void changedTagsAreWrittenOnTheRevisionWithoutRegisteringAnother() throws Exception {
        DesiredTaskDefinition desired = desired("nginx:1.27");
        String arn = adapter.create(desired);
        Map<String, String> tags = new HashMap<>(desired.tags());
        tags.put("team", "b");
        DesiredTaskDefinition retagged = new DesiredTaskDefinition(desired.family(), desired.cpu(), desired.memory(),
                desired.executionRoleArn(), desired.taskRoleArn(), desired.container(), tags);

        String used = adapter.update(retagged, adapter.observe(desired.family()).orElseThrow());

        assertThat(used).isEqualTo(arn);
        assertThat(sandbox.successfulCalls("ecs", "RegisterTaskDefinition")).isEqualTo(1);
        assertThat(adapter.observe(desired.family()).orElseThrow().tags()).containsEntry("team", "b");
    }

    @Test
    void deletingDeregistersEveryRevisionTheAppMadeAndNoOther() throws Exception {
        adapter.create(desired("nginx:1.27"));
        adapter.create(desired("nginx:1.28"));
        DesiredTaskDefinition neighbour = SandboxApps.desired(sandbox, new dev.ecsapp.operator.desired.AppIdentity(
                "team-a", "shopping"), SandboxApps.webApp("nginx:1.27")).taskDefinition();
        adapter.create(neighbour);
        String byHand = registerByHand("team-a_shop");

        List<String> deregistered = adapter.deregisterOwned("team-a_shop", SandboxApps.SHOP, 0, java.util.Set.of());

        assertThat(deregistered).hasSize(2).doesNotContain(byHand);
        assertThat(adapter.activeRevisions("team-a_shop")).containsExactly(byHand);
        assertThat(adapter.observe(neighbour.family())).isPresent();
    }

    @Test
    void onlyTheAppsOwnRevisionsBeyondTheNewestAreDeregisteredAndNeverOneInUse() {
        String first = adapter.create(desired("nginx:1.27"));
        String byHand = registerByHand("team-a_shop");
        String second = adapter.create(desired("nginx:1.28"));
        String third = adapter.create(desired("nginx:1.29"));
        String fourth = adapter.create(desired("nginx:1.30"));

        List<String> deregistered = adapter.deregisterOwned("team-a_shop", SandboxApps.SHOP, 2, java.util.Set.of(second));

        assertThat(deregistered).containsExactly(first);
        assertThat(adapter.activeRevisions("team-a_shop")).containsExactly(byHand, second, third, fourth);
    }

    private String registerByHand(String family) {
        return sandbox.clients().ecs().registerTaskDefinition(r -> r.family(family).requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc").cpu("256").memory("512").containerDefinitions(c -> c.name("x")
                        .image("busybox:1"))).taskDefinition().taskDefinitionArn();
    }

    @Test
    void aTaskSizeFargateDoesNotOfferIsTerminalWithAwsMessage() {
        DesiredTaskDefinition valid = desired("nginx:1.27");
        DesiredTaskDefinition unoffered = new DesiredTaskDefinition(valid.family(), "256", "4096",
                valid.executionRoleArn(), valid.taskRoleArn(), valid.container(), valid.tags());

        assertThatThrownBy(() -> adapter.create(unoffered)).isInstanceOfSatisfying(AwsCallException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Kind.TERMINAL);
            assertThat(e.failure().code()).isEqualTo("ClientException");
            assertThat(e.failure().message()).contains("No Fargate configuration exists for given values");
        });
    }

    @Test
    void anInjectedThrottlingThatOutlastsTheSdkRetriesIsTransient() throws Exception {
        // Standard retry mode makes 3 attempts; failing all of them leaves the throttling to the caller.
        sandbox.failNext("ecs", "RegisterTaskDefinition", "ThrottlingException", 400, 3);

        assertThatThrownBy(() -> adapter.create(desired("nginx:1.27")))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(e.failure().code()).isEqualTo("ThrottlingException");
                });
    }
}
