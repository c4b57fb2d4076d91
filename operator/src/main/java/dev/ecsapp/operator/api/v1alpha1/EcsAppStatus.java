package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the operator last saw and did. The ARNs are a cache of what tags and names find, not the truth. */
// A newer operator may add fields; this one keeps reading what it knows (and its status writes leave them alone).
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsAppStatus(
        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("Ready, Progressing and Degraded, each with a reason and a message.")
        List<Condition> conditions,

        @JsonPropertyDescription("The mutating step the operator is about to take, written before it takes it, so a "
                + "restart can finish or undo it.")
        Intent intent,

        @JsonPropertyDescription("Image of the task definition the service runs.")
        String image,

        @JsonPropertyDescription("URI of the ECR repository, when managed.")
        String repositoryUri,

        @JsonPropertyDescription("Identifiers of the AWS resources of the app.")
        AwsResources resources,

        @JsonPropertyDescription("Tasks the service wants.")
        Integer desiredCount,

        @StatusReplicas
        @JsonPropertyDescription("Tasks running.")
        Integer runningCount,

        @JsonPropertyDescription("Tasks starting.")
        Integer pendingCount,

        @JsonPropertyDescription("State of the service's newest deployment: IN_PROGRESS, COMPLETED or FAILED.")
        String rolloutState,

        @JsonPropertyDescription("Where the app answers, from the listener's load balancer and the rule's first "
                + "host and path.")
        String url) {

    public EcsAppStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
