package dev.ecsapp.sandbox.aws.elbv2;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * What the load balancers' data plane reads of the ELBv2 state to route requests and check targets, and what it
 * reports back. Every method must be called holding the sandbox's lock, which guards all AWS state.
 */
public interface DataPlaneView {

    /** A listener as the data plane serves it: which load balancer, its AWS port and protocol. */
    record ListenerPort(String listenerArn, String loadBalancerArn, String dnsName, int port, String protocol) {
    }

    /** A registered target: its address, port, state as DescribeTargetHealth shows it. */
    record Target(String ip, int port, String state) {
    }

    /** What the data plane tells ELBv2 and answers it. */
    interface Hooks {
        Hooks NONE = new Hooks() {
            @Override
            public void listenersChanged() {
            }

            @Override
            public Optional<String> localUrl(String listenerArn) {
                return Optional.empty();
            }

            @Override
            public void reset() {
            }
        };

        /** A listener was created, deleted or moved to another port: local ports open or close to match. */
        void listenersChanged();

        /** The local URL serving the listener, if one does. */
        Optional<String> localUrl(String listenerArn);

        /** The sandbox was reset: what was measured goes with the resources it was about. */
        void reset();
    }

    List<ListenerPort> listeners();

    Optional<ListenerPort> listener(String listenerArn);

    /** The listener's rules in priority order, the default rule last. */
    List<Rule> rules(String listenerArn);

    Optional<TargetGroup> targetGroup(String targetGroupArn);

    /** The load balancer's idle_timeout.timeout_seconds attribute. */
    int idleTimeoutSeconds(String loadBalancerArn);

    List<Target> targets(String targetGroupArn);

    /** The target groups some listener forwards to (with their loadBalancerArns): the ones health checked. */
    List<TargetGroup> targetGroupsInUse();

    /** The outcome of real health checks of a local target. */
    void reportHealth(String targetGroupArn, String ip, int port, TargetHealth health);

    /** Connects the data plane; it is told of listener changes from then on. */
    void attach(Hooks hooks);
}
