package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where the tasks' network interfaces live (awsvpc mode). */
public record NetworkSpec(
        @Size(max = 16)
        @JsonPropertyDescription("Subnet ids (subnet-...), usually private ones in two or more zones. "
                + "Default: the operator's subnets.")
        List<String> subnets,

        @Size(max = 5)
        @JsonPropertyDescription("Security group ids (sg-...). Default: the operator's security groups.")
        List<String> securityGroups,

        @Default("false")
        @JsonPropertyDescription("Give each task a public IP; needed in public subnets without a NAT gateway. "
                + "Default false.")
        Boolean assignPublicIp) {

    public NetworkSpec {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        assignPublicIp = assignPublicIp != null && assignPublicIp;
    }
}
