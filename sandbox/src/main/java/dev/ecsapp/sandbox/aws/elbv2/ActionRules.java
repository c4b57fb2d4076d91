package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The actions of a listener's default rule or of a rule: forward (to up to five weighted target groups), redirect
 * and fixed-response, one of them last, in AWS's shape (API reference, Action, ForwardActionConfig,
 * RedirectActionConfig, FixedResponseActionConfig). Authentication actions are not simulated.
 */
final class ActionRules {

    private static final List<String> TYPES = List.of("forward", "authenticate-oidc", "authenticate-cognito",
            "redirect", "fixed-response", "jwt-validation");
    private static final Set<String> TERMINAL = Set.of("forward", "redirect", "fixed-response");
    private static final int MAX_TARGET_GROUPS_PER_ACTION = 5;
    private static final Pattern STATUS_CODE = Pattern.compile("^(2|4|5)\\d\\d$");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");

    private ActionRules() {
    }

    /**
     * The actions as AWS keeps them, in order, with Order filled in.
     *
     * @param member          the request member, for messages ({@code actions}, {@code defaultActions})
     * @param listenerProtocol HTTP or HTTPS
     * @param targetGroupExists whether a target group ARN names an existing group
     */
    static List<Action> normalize(List<Action> actions, String member, String listenerProtocol,
            Predicate<String> targetGroupExists) {
        Constraints.atLeast(actions, 1, member);
        long withOrder = actions.stream().filter(a -> a.order() != null).count();
        if (withOrder != 0 && withOrder != actions.size()) {
            throw new AwsException("ValidationError", "Either all actions must have an order or none of them");
        }
        Set<Integer> orders = new LinkedHashSet<>();
        List<Action> normalized = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            String at = member + "." + (i + 1) + ".member";
            String type = Constraints.required(action.typeAsString(), at + ".type");
            Constraints.oneOf(type, TYPES, at + ".type");
            Constraints.between(action.order(), 1, 50_000, at + ".order");
            int order = action.order() == null ? i + 1 : action.order();
            if (!orders.add(order)) {
                throw new AwsException("ValidationError", "The action order '" + order + "' is used more than once");
            }
            Action.Builder builder = switch (type) {
                case "forward" -> forward(action, at, targetGroupExists);
                case "redirect" -> redirect(action, at);
                case "fixed-response" -> fixedResponse(action, at);
                default -> throw listenerProtocol.equals("HTTPS")
                        ? new AwsException("ValidationError", "Action type '" + type + "' is not simulated by the "
                                + "sandbox")
                        : new AwsException("InvalidLoadBalancerAction", "Action type '" + type + "' is supported "
                                + "only on HTTPS listeners");
            };
            normalized.add(builder.order(order).build());
        }
        normalized.sort(Comparator.comparing(Action::order));
        long terminal = normalized.stream().filter(a -> TERMINAL.contains(a.typeAsString())).count();
        if (terminal != 1 || !TERMINAL.contains(normalized.get(normalized.size() - 1).typeAsString())) {
            throw new AwsException("InvalidLoadBalancerAction", "The last action must be one of 'forward', "
                    + "'redirect' or 'fixed-response', and no other action may be");
        }
        return List.copyOf(normalized);
    }

    /** The target groups a set of actions forwards to. */
    static Set<String> targetGroups(List<Action> actions) {
        Set<String> arns = new LinkedHashSet<>();
        for (Action action : actions) {
            if (action.forwardConfig() != null) {
                action.forwardConfig().targetGroups().forEach(t -> arns.add(t.targetGroupArn()));
            }
        }
        return arns;
    }

    private static Action.Builder forward(Action action, String at, Predicate<String> targetGroupExists) {
        ForwardActionConfig config = action.forwardConfig();
        List<TargetGroupTuple> groups = config == null || !config.hasTargetGroups() ? List.of()
                : config.targetGroups();
        if (action.targetGroupArn() == null && groups.isEmpty()) {
            throw new AwsException("ValidationError", "A target group ARN must be specified for a forward action");
        }
        if (action.targetGroupArn() != null && !groups.isEmpty() && (groups.size() != 1
                || !action.targetGroupArn().equals(groups.get(0).targetGroupArn()))) {
            throw new AwsException("ValidationError", "When both a target group ARN and a forward config are given, "
                    + "the forward config must name that target group only");
        }
        if (groups.isEmpty()) {
            groups = List.of(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).build());
        }
        if (groups.size() > MAX_TARGET_GROUPS_PER_ACTION) {
            throw new AwsException("ValidationError", "You cannot specify more than '" + MAX_TARGET_GROUPS_PER_ACTION
                    + "' target groups in a forward action");
        }
        List<TargetGroupTuple> weighted = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TargetGroupTuple group : groups) {
            String arn = ElbArns.check(Constraints.required(group.targetGroupArn(),
                    at + ".forwardConfig.targetGroups.member.targetGroupArn"), ElbArns.Kind.TARGET_GROUP);
            if (!seen.add(arn)) {
                throw new AwsException("ValidationError", "Target group '" + arn + "' is specified more than once");
            }
            if (!targetGroupExists.test(arn)) {
                throw new AwsException("TargetGroupNotFound", "Target group '" + arn + "' not found");
            }
            Constraints.between(group.weight(), 0, 999, at + ".forwardConfig.targetGroups.member.weight");
            weighted.add(TargetGroupTuple.builder().targetGroupArn(arn)
                    .weight(group.weight() == null ? 1 : group.weight()).build());
        }
        TargetGroupStickinessConfig stickiness = config == null || config.targetGroupStickinessConfig() == null
                ? TargetGroupStickinessConfig.builder().enabled(false).build() : config.targetGroupStickinessConfig();
        if (Boolean.TRUE.equals(stickiness.enabled())) {
            Constraints.required(stickiness.durationSeconds(),
                    at + ".forwardConfig.targetGroupStickinessConfig.durationSeconds");
            Constraints.between(stickiness.durationSeconds(), 1, 604_800,
                    at + ".forwardConfig.targetGroupStickinessConfig.durationSeconds");
        }
        // AWS answers a single-group forward with both the legacy TargetGroupArn and the ForwardConfig.
        return Action.builder().type("forward")
                .targetGroupArn(weighted.size() == 1 ? weighted.get(0).targetGroupArn() : null)
                .forwardConfig(ForwardActionConfig.builder().targetGroups(weighted)
                        .targetGroupStickinessConfig(stickiness).build());
    }

    private static Action.Builder redirect(Action action, String at) {
        RedirectActionConfig config = Constraints.required(action.redirectConfig(), at + ".redirectConfig");
        String statusCode = Constraints.required(config.statusCodeAsString(), at + ".redirectConfig.statusCode");
        Constraints.oneOf(statusCode, List.of("HTTP_301", "HTTP_302"), at + ".redirectConfig.statusCode");
        RedirectActionConfig filled = RedirectActionConfig.builder()
                .protocol(orDefault(config.protocol(), "#{protocol}"))
                .port(orDefault(config.port(), "#{port}"))
                .host(orDefault(config.host(), "#{host}"))
                .path(orDefault(config.path(), "/#{path}"))
                .query(orDefault(config.query(), "#{query}"))
                .statusCode(statusCode).build();
        Constraints.oneOf(filled.protocol(), List.of("HTTP", "HTTPS", "#{protocol}"), at + ".redirectConfig.protocol");
        if (!filled.path().startsWith("/")) {
            throw new AwsException("ValidationError", "The redirect path must start with a '/' character");
        }
        if (filled.protocol().equals("#{protocol}") && filled.port().equals("#{port}")
                && filled.host().equals("#{host}") && filled.path().equals("/#{path}")
                && filled.query().equals("#{query}")) {
            throw new AwsException("InvalidLoadBalancerAction", "The redirect configuration is not valid because it "
                    + "creates a loop.");
        }
        return Action.builder().type("redirect").redirectConfig(filled);
    }

    private static Action.Builder fixedResponse(Action action, String at) {
        FixedResponseActionConfig config = Constraints.required(action.fixedResponseConfig(),
                at + ".fixedResponseConfig");
        String statusCode = Constraints.required(config.statusCode(), at + ".fixedResponseConfig.statusCode");
        if (!STATUS_CODE.matcher(statusCode).matches()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + statusCode + "' at '"
                    + at + ".fixedResponseConfig.statusCode' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: " + STATUS_CODE.pattern());
        }
        if (config.contentType() != null && !CONTENT_TYPES.contains(config.contentType())) {
            throw new AwsException("InvalidLoadBalancerAction", "The ContentType must be one of:'text/html', "
                    + "'application/json', 'application/javascript', 'text/css', 'text/plain'");
        }
        if (config.messageBody() != null && config.messageBody().length() > 1024) {
            throw new AwsException("ValidationError", "1 validation error detected: Value at '" + at
                    + ".fixedResponseConfig.messageBody' failed to satisfy constraint: Member must have length less "
                    + "than or equal to 1024");
        }
        return Action.builder().type("fixed-response").fixedResponseConfig(config);
    }

    private static String orDefault(String value, String placeholder) {
        return value == null ? placeholder : value;
    }
}
