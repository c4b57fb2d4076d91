package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

// Defaults are written twice on purpose: @Default for the API server, the compact constructor for code that reads a
// spec the API server never saw (tests, dry runs).
/** What the user wants running: one web application on ECS Fargate. */
// The validator checks each rule again (objects may skip the API server's validation), with the same message.
@ValidationRule(value = "!(has(self.replicas) && has(self.autoscaling))", message = EcsAppSpec.REPLICAS_OR_AUTOSCALING)
@ValidationRule(value = "!has(self.autoscaling) || !has(self.autoscaling.requestsPerTarget) || has(self.loadBalancer)",
        message = EcsAppSpec.REQUESTS_PER_TARGET_NEED_A_LOAD_BALANCER)
// On the class, not the field: the generator copies a record component's rule from both the field and the accessor.
@ValidationRule(value = "!has(self.logRetentionDays) || self.logRetentionDays in [1, 3, 5, 7, 14, 30, 60, 90, 120, "
        + "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
        message = EcsAppSpec.LOG_RETENTION_DAYS_MESSAGE)
public record EcsAppSpec(
        // ECS's limits (ContainerDefinition.image): up to 255 of these characters, and after them an optional digest,
        // which can only be sha256 with 64 hexadecimal digits.
        @Required
        @Size(min = 1, max = 255 + 8 + 64) // "@sha256:" is 8
        @Pattern("^[A-Za-z0-9_.:/#-]{1,255}(@sha256:[A-Fa-f0-9]{64})?$")
        @JsonPropertyDescription("Container image to run, e.g. "
                + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2 or ...shop@sha256:<64 hex digits>; up to "
                + "255 letters, digits and - _ . : / # before the digest. "
                + "The tag (or digest) is also passed to the container as APP_VERSION.")
        String image,

        @JsonPropertyDescription("The ECR repository of the image, created and cleaned up by the operator when "
                + "managed is true.")
        RepositorySpec repository,

        @Pattern("^[A-Za-z0-9_-]{1,255}$")
        @JsonPropertyDescription("ECS cluster name. Defaults to the operator's cluster.")
        String cluster,

        @Pattern("^[a-z]{2}(-[a-z]+)+-\\d$")
        @JsonPropertyDescription("AWS region, e.g. eu-west-1. Must be the operator's region (an operator manages one "
                + "region); defaults to it.")
        String region,

        @JsonPropertyDescription("Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384) or vCPU (\"0.25 vCPU\"). "
                + "Must form a Fargate size with memory. Default 256.")
        IntOrString cpu,

        @JsonPropertyDescription("Task memory in MiB (512, 1024, ...) or GB (\"0.5 GB\"). "
                + "Must form a Fargate size with cpu. Default 512.")
        IntOrString memory,

        @Default("5000")
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("Port the container listens on; the load balancer sends traffic here. Default 5000.")
        Integer containerPort,

        @Size(max = 200)
        @JsonPropertyDescription("Plain environment variables. Names must be unique. "
                + "Never put secrets here: use secrets.")
        List<EnvVar> env,

        @Size(max = 100)
        @JsonPropertyDescription("Environment variables read by ECS from Secrets Manager or SSM Parameter Store at "
                + "task start; only the ARN is stored here, never the value.")
        List<SecretRef> secrets,

        @JsonPropertyDescription("Container health check run by ECS inside the task.")
        ContainerHealthCheck healthCheck,

        @Pattern("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$")
        @JsonPropertyDescription("IAM role ECS uses to pull the image, write logs and read secrets. "
                + "Defaults to the operator's execution role.")
        String executionRoleArn,

        @Pattern("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$")
        @JsonPropertyDescription("IAM role the application's own AWS calls use. Defaults to the operator's task role.")
        String taskRoleArn,

        @Default("30")
        @JsonPropertyDescription("Days CloudWatch Logs keeps the application's logs (one of CloudWatch's values). "
                + "Default 30.")
        Integer logRetentionDays,

        // Makes `kubectl scale ea/NAME --replicas=N` work; with autoscaling set, the replicas-or-autoscaling rule
        // refuses it.
        @SpecReplicas
        @Min(0)
        @Max(5000)
        @JsonPropertyDescription("Fixed number of tasks. Leave out when autoscaling is set. Default 1.")
        Integer replicas,

        @JsonPropertyDescription("Target-tracking autoscaling. When set, the operator never sets the service's desired "
                + "count after creation: Application Auto Scaling owns it.")
        AutoscalingSpec autoscaling,

        @JsonPropertyDescription("Subnets and security groups of the tasks. Defaults to the operator's.")
        NetworkSpec network,

        @JsonPropertyDescription("Route traffic from an ALB listener to the app. "
                + "Leave out for apps that serve no HTTP.")
        LoadBalancerSpec loadBalancer,

        @JsonPropertyDescription("How ECS replaces tasks when the app changes.")
        RolloutSpec rollout,

        @Size(max = 2)
        @JsonPropertyDescription("Fargate capacity providers with weight and base, e.g. mostly FARGATE_SPOT. "
                + "Default: the FARGATE launch type.")
        List<CapacityProviderItem> capacityProviders,

        @JsonPropertyDescription("Tags added to every AWS resource of the app, next to the operator's ownership tags.")
        Map<String, String> tags,

        @Default("Delete")
        @JsonPropertyDescription("Delete removes the app's AWS resources with the EcsApp; Retain leaves them. "
                + "Default Delete.")
        DeletionPolicy deletionPolicy) {

    public static final String REPLICAS_OR_AUTOSCALING = "set either replicas or autoscaling, not both";
    public static final String REQUESTS_PER_TARGET_NEED_A_LOAD_BALANCER =
            "autoscaling.requestsPerTarget needs a loadBalancer";
    public static final String LOG_RETENTION_DAYS_MESSAGE = "logRetentionDays must be one of CloudWatch Logs' values: "
            + "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";
    /** CloudWatch Logs' retention values, as the logRetentionDays rule lists them. */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    public static final int DEFAULT_CONTAINER_PORT = 5000;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    public static final int DEFAULT_REPLICAS = 1;

    public EcsAppSpec {
        cpu = cpu == null ? new IntOrString(256) : cpu;
        memory = memory == null ? new IntOrString(512) : memory;
        containerPort = containerPort == null ? DEFAULT_CONTAINER_PORT : containerPort;
        env = env == null ? List.of() : List.copyOf(env);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        logRetentionDays = logRetentionDays == null ? DEFAULT_LOG_RETENTION_DAYS : logRetentionDays;
        rollout = rollout == null ? new RolloutSpec(null, null, null, null) : rollout;
        capacityProviders = capacityProviders == null ? List.of() : List.copyOf(capacityProviders);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        deletionPolicy = deletionPolicy == null ? DeletionPolicy.DELETE : deletionPolicy;
    }

    /** cpu as ECS takes it: "256" or "0.25 vCPU". */
    public String cpuText() {
        return text(cpu);
    }

    /** memory as ECS takes it: "512" or "0.5 GB". */
    public String memoryText() {
        return text(memory);
    }

    private static String text(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }
}
