package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.Specs;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredState;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import java.util.List;

/** Desired states of test apps on the sandbox's built-in foundation: its cluster, network and ALB listener. */
final class SandboxApps {

    static final String CLUSTER = "sandbox";
    static final String EXECUTION_ROLE_ARN = "arn:aws:iam::123456789012:role/ecsapp-execution";
    static final AppIdentity SHOP = new AppIdentity("team-a", "shop");

    private SandboxApps() {
    }

    /** The operator's defaults for the sandbox: everything an app leaves out. */
    static OperatorDefaults defaults(AwsSandbox sandbox, String listenerArn) {
        return new OperatorDefaults(CLUSTER, sandbox.region(),
                List.of(Ec2Api.PRIVATE_SUBNET_B, Ec2Api.PRIVATE_SUBNET_A), List.of(Ec2Api.TASKS_SECURITY_GROUP),
                listenerArn, EXECUTION_ROLE_ARN, null);
    }

    /** The ARN of the sandbox ALB's HTTP:80 listener. */
    static String listenerArn(AwsSandbox sandbox) {
        var elb = sandbox.clients().elb();
        String loadBalancerArn = elb.describeLoadBalancers(r -> r.names("sandbox-alb")).loadBalancers().get(0)
                .loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners().get(0).listenerArn();
    }

    static DesiredState desired(AwsSandbox sandbox, AppIdentity app, String specYaml) {
        return DesiredState.of(app, Specs.spec(specYaml), defaults(sandbox, listenerArn(sandbox)));
    }

    /** A web app behind the ALB on /shop/*, two tasks, an image of another registry (always pullable). */
    static String webApp(String image) {
        return """
                image: %s
                containerPort: 8080
                replicas: 2
                env:
                  - {name: LOG_LEVEL, value: info}
                  - {name: FEATURE_X, value: "on"}
                loadBalancer:
                  pathPatterns: ["/shop/*", "/shop"]
                  healthCheck: {path: /health}
                tags: {team: a}
                """.formatted(image);
    }
}
