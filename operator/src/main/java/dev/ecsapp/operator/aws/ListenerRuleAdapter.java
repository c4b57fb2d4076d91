package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.DesiredListenerRule;
import dev.ecsapp.operator.desired.ListenerRuleOverlaps.OtherRule;
import dev.ecsapp.operator.desired.Ownership;
import dev.ecsapp.operator.desired.RuleConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

// Rules have no name, so the app's rule is the one whose owner tag names the app; a crash after CreateRule leaves a
// tagged rule that the next observe finds, instead of a second one.
/** ALB listener rules: find the app's by its owner tag, create, modify conditions, action and priority, delete. */
public final class ListenerRuleAdapter {

    static final String PATH_PATTERN = "path-pattern";
    static final String HOST_HEADER = "host-header";
    /** Paths of {@link #update}'s answer. */
    public static final String MATCH = "conditionsAndAction";
    public static final String PRIORITY = "priority";
    public static final String TAGS = "tags";

    /** DescribeRules answers at most this many rules a page. */
    private static final int RULES_PAGE = 400;

    private final ElasticLoadBalancingV2Client elb;
    private final ElbTags tags;
    /**
     * The owner tag of every rule seen, by ARN ("" for none). With a hundred apps on a listener, reading every rule's
     * tags on every reconcile (DescribeTags takes twenty ARNs) would spend ELBv2's account-wide ten calls a second
     * on tags that never change: a rule's owner is set when it is created. Only rules not seen before, and the app's
     * own (whose tags are compared for drift), are read.
     */
    private final Map<String, String> ownerByRule = new ConcurrentHashMap<>();

    public ListenerRuleAdapter(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
        this.tags = new ElbTags(elb);
    }

    /**
     * What a reconcile needs of one listener: the app's own rule (if any), and all the others with their owners and
     * conditions (for ListenerRuleOverlaps) and priorities (for ListenerRulePriorities).
     */
    public record RulesOnListener(Optional<ObservedListenerRule> own, List<OtherRule> others) {

        public Set<Integer> takenByOthers() {
            return others.stream().map(OtherRule::priority).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * The listener's rules read once (one DescribeRules, one DescribeTags of the rules not seen before and the
     * app's own), split into the app's and the others'.
     */
    public RulesOnListener onListener(String listenerArn, AppIdentity app) {
        List<Rule> rules = rules(listenerArn);
        List<String> toRead = rules.stream().map(Rule::ruleArn)
                .filter(arn -> !ownerByRule.containsKey(arn) || app.owner().equals(ownerByRule.get(arn))).toList();
        Map<String, Map<String, String>> tagsByArn = tags.of(toRead);
        tagsByArn.forEach((arn, ruleTags) -> ownerByRule.put(arn, ruleTags.getOrDefault(Ownership.OWNER_TAG, "")));
        Set<String> present = rules.stream().map(Rule::ruleArn).collect(Collectors.toSet());
        String prefix = listenerRulePrefix(listenerArn);
        ownerByRule.keySet().removeIf(arn -> arn.startsWith(prefix) && !present.contains(arn));
        Optional<ObservedListenerRule> own = Optional.empty();
        List<OtherRule> others = new ArrayList<>();
        for (Rule rule : rules) {
            String owner = ownerByRule.getOrDefault(rule.ruleArn(), "");
            if (app.owner().equals(owner)) {
                own = own.or(() -> Optional.of(observed(listenerArn, rule, tagsByArn.get(rule.ruleArn()))));
            } else {
                others.add(new OtherRule(owner, Integer.parseInt(rule.priority()),
                        new RuleConditions(values(rule, PATH_PATTERN), values(rule, HOST_HEADER))));
            }
        }
        return new RulesOnListener(own, List.copyOf(others));
    }

    /** Rule ARNs of a listener share its ARN with "listener-rule" for "listener" and a rule ID appended. */
    private static String listenerRulePrefix(String listenerArn) {
        return listenerArn.replace(":listener/", ":listener-rule/") + "/";
    }

    /** The app's rule on the listener, found by its owner tag, or empty. */
    public Optional<ObservedListenerRule> observe(String listenerArn, AppIdentity app) {
        return onListener(listenerArn, app).own();
    }

    /** The priorities of the listener's rules that are not the app's own, for {@code ListenerRulePriorities}. */
    public Set<Integer> prioritiesTakenByOthers(String listenerArn, AppIdentity app) {
        return onListener(listenerArn, app).takenByOthers();
    }

    /**
     * Creates the rule at the priority chosen for it. PriorityInUse is terminal when the user asked for that
     * priority, and transient when the operator chose it (the next reconcile chooses again).
     */
    public String create(DesiredListenerRule desired, int priority, String targetGroupArn) {
        String arn = AwsErrors.call("CreateRule", originOfPriority(desired), () -> elb.createRule(r -> r
                .listenerArn(desired.listenerArn())
                .priority(priority)
                .conditions(conditions(desired))
                .actions(forward(targetGroupArn))
                .tags(ElbTags.tags(desired.tags())))).rules().get(0).ruleArn();
        ownerByRule.put(arn, desired.tags().getOrDefault(Ownership.OWNER_TAG, ""));
        return arn;
    }

    /** Modifies what differs: conditions and action with ModifyRule, the priority with SetRulePriorities, tags. */
    public SortedSet<String> update(DesiredListenerRule desired, ObservedListenerRule observed, int priority,
            String targetGroupArn) {
        return update(desired, observed, priority, targetGroupArn, Optional.empty());
    }

    /**
     * As above; with a standby group the rule forwards to it at weight 0 next to the serving one: no request reaches
     * it, but ECS accepts it for a service only once a listener names it, and its targets must be healthy before
     * the requests move over.
     */
    public SortedSet<String> update(DesiredListenerRule desired, ObservedListenerRule observed, int priority,
            String targetGroupArn, Optional<String> standbyTargetGroupArn) {
        SortedSet<String> changed = new TreeSet<>();
        DesiredListenerRule seen = observed.shape();
        List<String> forwards = new ArrayList<>(List.of(targetGroupArn));
        standbyTargetGroupArn.ifPresent(forwards::add);
        if (!desired.pathPatterns().equals(seen.pathPatterns()) || !desired.hosts().equals(seen.hosts())
                || !desired.targetGroupName().equals(seen.targetGroupName())
                || !forwards.equals(observed.forwardsTo())) {
            AwsErrors.call("ModifyRule", () -> elb.modifyRule(r -> r.ruleArn(observed.arn())
                    .conditions(conditions(desired)).actions(forward(targetGroupArn, standbyTargetGroupArn))));
            changed.add(MATCH);
        }
        if (priority != observed.priority()) {
            AwsErrors.call("SetRulePriorities", originOfPriority(desired), () -> elb.setRulePriorities(r -> r
                    .rulePriorities(p -> p.ruleArn(observed.arn()).priority(priority))));
            changed.add(PRIORITY);
        }
        TagChanges tagChanges = TagChanges.between(desired.tags(), seen.tags());
        if (!tagChanges.none()) {
            tags.apply(observed.arn(), tagChanges);
            changed.add(TAGS);
        }
        return changed;
    }

    /** Deletes the app's rule; true when there was one. */
    public boolean delete(String listenerArn, AppIdentity app) {
        Optional<ObservedListenerRule> observed = observe(listenerArn, app);
        observed.ifPresent(rule -> AwsErrors.find("DeleteRule", () -> elb.deleteRule(r -> r.ruleArn(rule.arn()))));
        return observed.isPresent();
    }

    /**
     * Deletes the app's rule on a listener that may be gone (an app being deleted may name one that never existed, or
     * was deleted with its load balancer); true when a rule was deleted.
     */
    public boolean deleteIfListenerExists(String listenerArn, AppIdentity app) {
        try {
            return delete(listenerArn, app);
        } catch (AwsCallException e) {
            if ("ListenerNotFound".equals(e.failure().code())) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the rule with this ARN if its owner tag names the app; true when it was deleted. */
    public boolean deleteOwned(String ruleArn, AppIdentity app) {
        Map<String, String> ruleTags;
        try {
            ruleTags = tags.of(ruleArn);
        } catch (AwsCallException e) {
            if (e.failure().kind() == AwsFailure.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
        if (!Ownership.ownedBy(app, ruleTags)) {
            return false;
        }
        ownerByRule.remove(ruleArn);
        return AwsErrors.find("DeleteRule", () -> elb.deleteRule(r -> r.ruleArn(ruleArn))).isPresent();
    }

    /** Every rule of the listener but its default one, which has no number for a priority and no owner. */
    private List<Rule> rules(String listenerArn) {
        List<Rule> rules = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeRulesResponse page = AwsErrors.call("DescribeRules", AwsErrors.Origin.USER,
                    () -> elb.describeRules(r -> r.listenerArn(listenerArn).marker(from).pageSize(RULES_PAGE)));
            page.rules().stream().filter(rule -> !Boolean.TRUE.equals(rule.isDefault())).forEach(rules::add);
            marker = page.nextMarker();
        } while (marker != null);
        return rules;
    }

    private static ObservedListenerRule observed(String listenerArn, Rule rule, Map<String, String> ruleTags) {
        int priority = Integer.parseInt(rule.priority());
        List<String> paths = values(rule, PATH_PATTERN);
        List<String> hosts = values(rule, HOST_HEADER);
        DesiredListenerRule shape = new DesiredListenerRule(listenerArn, priority, paths, hosts, targetGroupName(rule),
                TagChanges.withoutAwsTags(ruleTags), new RuleConditions(paths, hosts));
        return new ObservedListenerRule(rule.ruleArn(), priority, shape, forwardedGroups(rule));
    }

    /** The sorted values of the rule's condition on one field; ALB answers with the config and the legacy values. */
    private static List<String> values(Rule rule, String field) {
        List<String> values = new ArrayList<>();
        for (RuleCondition condition : rule.conditions()) {
            if (!field.equals(condition.field())) {
                continue;
            }
            if (PATH_PATTERN.equals(field) && condition.pathPatternConfig() != null) {
                values.addAll(condition.pathPatternConfig().values());
            } else if (HOST_HEADER.equals(field) && condition.hostHeaderConfig() != null) {
                values.addAll(condition.hostHeaderConfig().values());
            } else {
                values.addAll(condition.values());
            }
        }
        return values.stream().distinct().sorted().toList();
    }

    private static List<String> forwardedGroups(Rule rule) {
        return rule.actions().stream().filter(action -> action.type() == ActionTypeEnum.FORWARD)
                .flatMap(action -> action.forwardConfig() != null && !action.forwardConfig().targetGroups().isEmpty()
                        ? action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn)
                        : java.util.stream.Stream.of(action.targetGroupArn()))
                .filter(Objects::nonNull).toList();
    }

    private static String targetGroupName(Rule rule) {
        return rule.actions().stream()
                .filter(action -> action.type() == ActionTypeEnum.FORWARD)
                .map(action -> action.targetGroupArn() != null ? action.targetGroupArn()
                        : action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn)
                                .findFirst().orElse(null))
                .filter(Objects::nonNull)
                .map(ServiceShapes::targetGroupName)
                .findFirst().orElse("");
    }

    private static List<RuleCondition> conditions(DesiredListenerRule desired) {
        List<RuleCondition> conditions = new ArrayList<>();
        if (!desired.pathPatterns().isEmpty()) {
            conditions.add(RuleCondition.builder().field(PATH_PATTERN)
                    .pathPatternConfig(c -> c.values(desired.pathPatterns())).build());
        }
        if (!desired.hosts().isEmpty()) {
            conditions.add(RuleCondition.builder().field(HOST_HEADER)
                    .hostHeaderConfig(c -> c.values(desired.hosts())).build());
        }
        return conditions;
    }

    private static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    private static Action forward(String targetGroupArn, Optional<String> standby) {
        if (standby.isEmpty()) {
            return forward(targetGroupArn);
        }
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(c -> c.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(targetGroupArn).weight(1).build(),
                TargetGroupTuple.builder().targetGroupArn(standby.get()).weight(0).build())).build();
    }

    private static AwsErrors.Origin originOfPriority(DesiredListenerRule desired) {
        return desired.requestedPriority() != null ? AwsErrors.Origin.USER : AwsErrors.Origin.OPERATOR;
    }
}
