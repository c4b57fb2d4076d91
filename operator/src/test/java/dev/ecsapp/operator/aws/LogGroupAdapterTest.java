package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.DesiredLogGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LogGroupAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private LogGroupAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = new LogGroupAdapter(sandbox.clients().logs());
    }

    private DesiredLogGroup desired(String extraYaml) {
        return SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27") + extraYaml)
                .logGroup();
    }

    @Test
    void aLogGroupThatWasNeverCreatedIsObservedAsAbsent() {
        assertThat(adapter.observe("/ecs/team-a/shop")).isEmpty();
    }

    @Test
    void aCreatedLogGroupIsObservedEqualToTheDesiredOne() {
        DesiredLogGroup desired = desired("");

        String arn = adapter.create(desired);

        ObservedLogGroup observed = adapter.observe(desired.name()).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn).doesNotEndWith(":*");
        assertThat(observed.shape()).isEqualTo(desired);
    }

    @Test
    void aLogGroupWhoseNameOnlyStartsTheSameIsAnotherOne() {
        adapter.create(new DesiredLogGroup("/ecs/team-a/shopping", 7, desired("").tags()));

        assertThat(adapter.observe("/ecs/team-a/shop")).isEmpty();
    }

    @Test
    void anUnchangedLogGroupIsLeftAlone() throws Exception {
        DesiredLogGroup desired = desired("");
        adapter.create(desired);

        assertThat(adapter.update(desired, adapter.observe(desired.name()).orElseThrow())).isEmpty();
        assertThat(sandbox.successfulCalls("logs", "PutRetentionPolicy")).isEqualTo(1);
    }

    @Test
    void aChangedRetentionAndTagsAreUpdatedInPlace() {
        adapter.create(desired(""));
        DesiredLogGroup changed = SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27")
                .replace("tags: {team: a}", "tags: {team: b}") + "logRetentionDays: 90\n").logGroup();

        var paths = adapter.update(changed, adapter.observe(changed.name()).orElseThrow());

        assertThat(paths).containsExactly(LogGroupAdapter.RETENTION, LogGroupAdapter.TAGS);
        assertThat(adapter.observe(changed.name()).orElseThrow().shape()).isEqualTo(changed);
    }

    @Test
    void deleteLeavesNoLogGroup() throws Exception {
        DesiredLogGroup desired = desired("");
        adapter.create(desired);

        assertThat(adapter.delete(desired.name())).isTrue();

        assertThat(adapter.observe(desired.name())).isEmpty();
        assertThat(sandbox.state().path("logs").toString()).doesNotContain("/ecs/team-a/shop");
        assertThat(adapter.delete(desired.name())).isFalse();
    }
}
