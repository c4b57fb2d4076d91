package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.cli.AwsCli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElbCliContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    @Test
    void theCliDescribesTheBuiltInLoadBalancer() throws Exception {
        AwsCli.Result result = new AwsCli(sandbox.endpoint()).run("elbv2", "describe-load-balancers", "--names",
                "sandbox-alb");

        assertThat(result.exitCode()).withFailMessage(result.stderr()).isZero();
        assertThat(result.json().at("/LoadBalancers/0/State/Code").asText()).isEqualTo("active");
        assertThat(result.json().at("/LoadBalancers/0/DNSName").asText()).endsWith(".us-east-1.elb.amazonaws.com");
        assertThat(result.json().at("/LoadBalancers/0/AvailabilityZones")).hasSize(2);
    }

    @Test
    void theCliCreatesATargetGroupAndRegistersATarget() throws Exception {
        AwsCli cli = new AwsCli(sandbox.endpoint());
        AwsCli.Result created = cli.run("elbv2", "create-target-group", "--name", "web", "--protocol", "HTTP",
                "--port", "5000", "--vpc-id", Ec2Api.VPC_ID, "--target-type", "ip", "--health-check-path", "/health",
                "--tags", "Key=app,Value=web");
        String arn = created.json().at("/TargetGroups/0/TargetGroupArn").asText();

        AwsCli.Result registered = cli.run("elbv2", "register-targets", "--target-group-arn", arn, "--targets",
                "Id=10.0.11.10");
        AwsCli.Result health = cli.run("elbv2", "describe-target-health", "--target-group-arn", arn);

        assertThat(created.exitCode()).withFailMessage(created.stderr()).isZero();
        assertThat(created.json().at("/TargetGroups/0/HealthCheckPath").asText()).isEqualTo("/health");
        assertThat(registered.exitCode()).withFailMessage(registered.stderr()).isZero();
        assertThat(health.json().at("/TargetHealthDescriptions/0/Target/Port").asInt()).isEqualTo(5000);
        assertThat(health.json().at("/TargetHealthDescriptions/0/TargetHealth/Reason").asText())
                .isEqualTo("Target.NotInUse");
    }

    @Test
    void theCliReportsElbErrorCodes() throws Exception {
        AwsCli.Result result = new AwsCli(sandbox.endpoint()).run("elbv2", "describe-target-groups", "--names",
                "missing");

        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stderr()).contains("(TargetGroupNotFound)").contains("One or more target groups not found");
    }
}
