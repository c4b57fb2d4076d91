package dev.ecsapp.operator.config;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.NetworkSpec;
import java.util.List;

/** The shared settings of one app after its own values override the operator's defaults. */
public record ResolvedSettings(
        String cluster,
        String region,
        List<String> subnets,
        List<String> securityGroups,
        boolean assignPublicIp,
        String listenerArn,
        String executionRoleArn,
        String taskRoleArn) {

    public static ResolvedSettings of(EcsAppSpec spec, OperatorDefaults defaults) {
        NetworkSpec network = spec.network() == null ? new NetworkSpec(null, null, null) : spec.network();
        LoadBalancerSpec loadBalancer = spec.loadBalancer();
        return new ResolvedSettings(
                clusterName(firstPresent(spec.cluster(), defaults.cluster())),
                firstPresent(spec.region(), defaults.region()),
                firstNonEmpty(network.subnets(), defaults.subnets()),
                firstNonEmpty(network.securityGroups(), defaults.securityGroups()),
                network.assignPublicIp(),
                // Without a loadBalancer block the app takes no traffic, whatever listener the operator knows.
                loadBalancer == null ? null : firstPresent(loadBalancer.listenerArn(), defaults.listenerArn()),
                firstPresent(spec.executionRoleArn(), defaults.executionRoleArn()),
                firstPresent(spec.taskRoleArn(), defaults.taskRoleArn()));
    }

    /**
     * The operator's cluster may be given as an ARN; ECS takes either, but names built from it (Application Auto
     * Scaling's {@code service/CLUSTER/SERVICE}) and service ARNs carry the name, so the name it is.
     */
    static String clusterName(String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    private static String firstPresent(String own, String shared) {
        return own != null && !own.isBlank() ? own : shared;
    }

    private static List<String> firstNonEmpty(List<String> own, List<String> shared) {
        return own.isEmpty() ? shared : own;
    }
}
