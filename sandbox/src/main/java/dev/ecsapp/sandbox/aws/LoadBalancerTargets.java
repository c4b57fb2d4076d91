package dev.ecsapp.sandbox.aws;

import java.time.Duration;
import java.util.Optional;

/**
 * What ECS needs of ELBv2 to put a service's tasks behind a load balancer. ELBv2 implements it; registered targets
 * then go through health checks on the simulated clock (initial, healthy; draining when deregistered).
 */
public interface LoadBalancerTargets {

    /** Target health states, as DescribeTargetHealth names them. */
    String INITIAL = "initial";
    String HEALTHY = "healthy";
    String UNHEALTHY = "unhealthy";
    String DRAINING = "draining";
    String UNUSED = "unused";

    /**
     * Why a service cannot use this target group (it does not exist, its target type is not {@code ip} as awsvpc
     * tasks need, or no load balancer uses it), worded as ECS's InvalidParameterException message; empty when fine.
     */
    Optional<String> problemWith(String targetGroupArn);

    void register(String targetGroupArn, String ip, int port);

    /** Starts draining; the target disappears after the group's deregistration delay. */
    void deregister(String targetGroupArn, String ip, int port);

    /** The target's state ({@link #HEALTHY} and so on), or empty when it is not registered. */
    Optional<String> health(String targetGroupArn, String ip, int port);

    Duration deregistrationDelay(String targetGroupArn);
}
