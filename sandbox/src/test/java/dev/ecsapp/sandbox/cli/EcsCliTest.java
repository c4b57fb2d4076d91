package dev.ecsapp.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ECS, STS and EC2 through the AWS CLI v2: create, describe, delete round trips as a person types them. */
class EcsCliTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    @Test
    void aClusterRoundTrip() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        var created = aws.run("ecs", "create-cluster", "--cluster-name", "cli");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.json().at("/cluster/clusterArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/cli");

        var described = aws.run("ecs", "describe-clusters", "--clusters", "cli");
        assertThat(described.json().at("/clusters/0/status").asText()).isEqualTo("ACTIVE");

        var deleted = aws.run("ecs", "delete-cluster", "--cluster", "cli");
        assertThat(deleted.json().at("/cluster/status").asText()).isEqualTo("INACTIVE");
    }

    @Test
    void aTaskDefinitionRoundTrip() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        var registered = aws.run("ecs", "register-task-definition", "--family", "cli", "--requires-compatibilities",
                "FARGATE", "--network-mode", "awsvpc", "--cpu", "256", "--memory", "512", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":5000}]}]");
        assertThat(registered.exitCode()).as(registered.stderr()).isZero();
        assertThat(registered.json().at("/taskDefinition/revision").asInt()).isEqualTo(1);

        var described = aws.run("ecs", "describe-task-definition", "--task-definition", "cli");
        assertThat(described.json().at("/taskDefinition/cpu").asText()).isEqualTo("256");

        var deregistered = aws.run("ecs", "deregister-task-definition", "--task-definition", "cli:1");
        assertThat(deregistered.json().at("/taskDefinition/status").asText()).isEqualTo("INACTIVE");
    }

    @Test
    void anErrorIsPrintedWithItsCodeAndANonZeroExit() throws Exception {
        var result = new AwsCli(sandbox.endpoint()).run("ecs", "describe-services", "--cluster", "nope",
                "--services", "x");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("ClusterNotFoundException").contains("Cluster not found.");
    }

    @Test
    void identityAndNetworkAnswerTheCli() throws Exception {
        AwsCli aws = new AwsCli(sandbox.endpoint());

        assertThat(aws.run("sts", "get-caller-identity").json().get("Account").asText()).isEqualTo("123456789012");
        assertThat(aws.run("ec2", "describe-subnets", "--filters", "Name=tag:tier,Values=private").json()
                .get("Subnets")).hasSize(2);
    }
}
