package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import dev.ecsapp.sandbox.aws.elbv2.DataPlaneView;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Decides a request's {@link Route} from the listener's rules: the first rule in priority order whose conditions all
 * hold, else the default rule, and that rule's last (terminal) action. Call it holding the sandbox's lock (see
 * {@link LockedCalls}).
 */
final class RequestRouter {

    private final DataPlaneView view;
    private final TargetPicker picker = new TargetPicker();

    RequestRouter(DataPlaneView view) {
        this.view = view;
    }

    Route route(String listenerArn, IncomingRequest request) {
        Optional<DataPlaneView.ListenerPort> listener = view.listener(listenerArn);
        if (listener.isEmpty()) {
            // Deleted while the request was on its way; its port is closing.
            return new Route.Fixed(503, "text/plain", "Service Unavailable");
        }
        Rule rule = view.rules(listenerArn).stream()
                .filter(r -> r.isDefault() || RuleConditions.allMatch(r.conditions(), request))
                .findFirst().orElseThrow();
        Action action = rule.actions().get(rule.actions().size() - 1);
        return switch (action.typeAsString()) {
            case "fixed-response" -> fixed(action.fixedResponseConfig());
            case "redirect" -> new Route.Redirect(action.redirectConfig().statusCodeAsString().equals("HTTP_301")
                    ? 301 : 302, RedirectLocation.of(action.redirectConfig(), request,
                    listener.get().protocol(), listener.get().port()));
            default -> forward(action, listener.get());
        };
    }

    private Route forward(Action action, DataPlaneView.ListenerPort listener) {
        Optional<String> group = TargetPicker.group(action.forwardConfig().targetGroups());
        if (group.isEmpty()) {
            return new Route.NoTarget(action.forwardConfig().targetGroups().get(0).targetGroupArn());
        }
        return picker.target(group.get(), view.targets(group.get()))
                .<Route>map(t -> new Route.Forward(group.get(), t.ip(), t.port(),
                        view.idleTimeoutSeconds(listener.loadBalancerArn())))
                .orElseGet(() -> new Route.NoTarget(group.get()));
    }

    private static Route fixed(FixedResponseActionConfig config) {
        return new Route.Fixed(Integer.parseInt(config.statusCode()),
                config.contentType() == null ? "text/plain" : config.contentType(),
                config.messageBody() == null ? "" : config.messageBody());
    }
}
