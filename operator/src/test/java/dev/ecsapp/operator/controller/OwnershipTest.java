package dev.ecsapp.operator.controller;

import static dev.ecsapp.operator.controller.OperatorOnSandbox.app;
import static dev.ecsapp.operator.controller.OperatorOnSandbox.webApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsapp.operator.api.v1alpha1.Condition;
import dev.ecsapp.operator.api.v1alpha1.EcsApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app never adopts by name: a repository, log group, target group or service that another app owns (or that the
 * operator never made) under a name the app would use is neither changed nor deleted, and the app says so.
 */
class OwnershipTest {

    @RegisterExtension
    static final OperatorOnSandbox SANDBOX = new OperatorOnSandbox();

    @Test
    void anAppNamingAnotherAppsRepositoryIsRefusedAndItsDeletionLeavesTheRepositoryAlone() {
        SANDBOX.create(app("owner", """
                image: nginx:1.27
                repository: {managed: true, name: shared/shop, keepLastImages: 5}
                """));
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.ready("owner"));
        String policyBefore = lifecyclePolicy("shared/shop");

        SANDBOX.create(app("intruder", """
                image: nginx:1.27
                repository: {managed: true, name: shared/shop, keepLastImages: 50}
                """));

        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.isTrue("intruder", "Degraded"));
        Condition degraded = SANDBOX.condition("intruder", "Degraded").orElseThrow();
        assertThat(degraded.reason()).isEqualTo("AlreadyOwned");
        assertThat(degraded.message()).contains("shared/shop", "default/owner", "spec.repository.name");
        assertThat(SANDBOX.isTrue("intruder", "Stalled")).isTrue();
        assertThat(lifecyclePolicy("shared/shop")).isEqualTo(policyBefore).contains("\"countNumber\":5");

        delete("intruder");
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.get("intruder") == null);
        assertThat(SANDBOX.aws().ecr().describeRepositories(r -> r.repositoryNames("shared/shop")).repositories())
                .hasSize(1);
        assertThat(SANDBOX.ready("owner")).isTrue();
    }

    @Test
    void aLogGroupMadeOutsideTheOperatorIsNotAdoptedNorDeleted() {
        SANDBOX.aws().logs().createLogGroup(r -> r.logGroupName("/ecs/default/squatter"));
        SANDBOX.aws().logs().putRetentionPolicy(r -> r.logGroupName("/ecs/default/squatter").retentionInDays(7));

        SANDBOX.create(webApp("squatter", "nginx:1.27", "replicas: 1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.isTrue("squatter", "Degraded"));
        Condition degraded = SANDBOX.condition("squatter", "Degraded").orElseThrow();
        assertThat(degraded.reason()).isEqualTo("AlreadyOwned");
        assertThat(degraded.message()).contains("/ecs/default/squatter", "was not made by the operator");
        var group = SANDBOX.aws().logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/default/squatter"))
                .logGroups().get(0);
        assertThat(group.retentionInDays()).as("retention not rewritten").isEqualTo(7);
        assertThat(SANDBOX.service("squatter")).as("nothing made after the refusal").isEmpty();

        delete("squatter");
        await().atMost(Duration.ofSeconds(60)).until(() -> SANDBOX.get("squatter") == null);
        assertThat(SANDBOX.aws().logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/default/squatter"))
                .logGroups()).as("the log group is not the app's to delete").hasSize(1);
    }

    private static String lifecyclePolicy(String repository) {
        return SANDBOX.aws().ecr().getLifecyclePolicy(r -> r.repositoryName(repository)).lifecyclePolicyText()
                .replace(" ", "");
    }

    private static void delete(String name) {
        SANDBOX.kubernetes().resources(EcsApp.class).inNamespace(OperatorOnSandbox.NAMESPACE).withName(name)
                .delete();
    }
}
