package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.DesiredRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RepositoryAdapterTest {

    @RegisterExtension
    static final AwsSandbox sandbox = new AwsSandbox();

    private static final String MANAGED = "repository: {managed: true}\n";

    private RepositoryAdapter adapter;

    @BeforeEach
    void setUp() {
        adapter = new RepositoryAdapter(sandbox.clients().ecr());
    }

    private DesiredRepository desired(String repositoryYaml) {
        return SandboxApps.desired(sandbox, SandboxApps.SHOP, SandboxApps.webApp("nginx:1.27") + repositoryYaml)
                .repository().orElseThrow();
    }

    @Test
    void aRepositoryThatWasNeverCreatedIsObservedAsAbsent() {
        assertThat(adapter.observe("team-a/shop")).isEmpty();
    }

    @Test
    void aCreatedRepositoryIsObservedEqualToTheDesiredOneComparingThePolicyAsJson() {
        DesiredRepository desired = desired(MANAGED);

        String arn = adapter.create(desired);

        ObservedRepository observed = adapter.observe(desired.name()).orElseThrow();
        assertThat(observed.arn()).isEqualTo(arn);
        assertThat(adapter.changes(desired, observed)).isEmpty();
        assertThat(observed.shape().tags()).isEqualTo(desired.tags());
    }

    @Test
    void anUnchangedRepositoryIsLeftAlone() throws Exception {
        DesiredRepository desired = desired(MANAGED);
        adapter.create(desired);

        assertThat(adapter.update(desired, adapter.observe(desired.name()).orElseThrow())).isEmpty();
        assertThat(sandbox.successfulCalls("ecr", "PutLifecyclePolicy")).isEqualTo(1);
    }

    @Test
    void changedSettingsAreUpdatedInPlace() {
        adapter.create(desired(MANAGED));
        DesiredRepository changed = desired(
                "repository: {managed: true, scanOnPush: false, keepLastImages: 5, tagMutability: IMMUTABLE}\n");

        var paths = adapter.update(changed, adapter.observe(changed.name()).orElseThrow());

        assertThat(paths).containsExactly(RepositoryAdapter.LIFECYCLE_POLICY, RepositoryAdapter.SCAN_ON_PUSH,
                RepositoryAdapter.TAG_MUTABILITY);
        assertThat(adapter.changes(changed, adapter.observe(changed.name()).orElseThrow())).isEmpty();
    }

    @Test
    void deleteLeavesNoRepository() throws Exception {
        DesiredRepository desired = desired(MANAGED);
        adapter.create(desired);

        assertThat(adapter.delete(desired.name())).isTrue();

        assertThat(adapter.observe(desired.name())).isEmpty();
        assertThat(sandbox.state().path("ecr").toString()).doesNotContain("team-a/shop");
        assertThat(adapter.delete(desired.name())).isFalse();
    }
}
