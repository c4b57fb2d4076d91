package dev.ecsapp.operator.aws;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.operator.desired.DesiredTaskDefinition;
import dev.ecsapp.operator.desired.TaskDefinitionDiff;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class TaskDefinitionRequestTest {

    /** The revision a register call makes, before ECS fills anything in: each request member copied as it is. */
    private static TaskDefinition registeredFrom(RegisterTaskDefinitionRequest request) {
        Map<String, SdkField<?>> revisionFields = new TreeMap<>();
        TaskDefinition.builder().build().sdkFields().forEach(f -> revisionFields.put(f.locationName(), f));
        TaskDefinition.Builder revision = TaskDefinition.builder();
        for (SdkField<?> field : request.sdkFields()) {
            SdkField<?> same = revisionFields.get(field.locationName());
            if (same != null) {
                same.set(revision, field.getValueOrDefault(request));
            }
        }
        return revision.build();
    }

    @Test
    void everyFieldTheOperatorSendsIsComparedAsItIsSent() {
        DesiredTaskDefinition desired = DesiredState.of(new AppIdentity("shop", "checkout"), spec("""
                image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:2.3.1
                env: [{name: B, value: two}, {name: A, value: one}]
                secrets: [{name: KEY, valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/key"}]
                healthCheck: {command: [CMD-SHELL, "curl -f http://localhost:8080/health"], startPeriodSeconds: 10}
                tags: {team: payments}
                """), DEFAULTS).taskDefinition();

        TaskDefinitionDiff diff = TaskDefinitionDiff.between(desired,
                registeredFrom(TaskDefinitionAdapter.request(desired)), desired.tags());

        assertThat(diff.changedPaths()).isEmpty();
    }
}
