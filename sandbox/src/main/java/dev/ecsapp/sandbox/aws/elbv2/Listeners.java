package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * The listeners and their rules. Every listener has a default rule (priority {@code default}, no conditions) whose
 * actions are the listener's default actions; the others have priorities from 1 to 50,000, unique per listener, and
 * are described in priority order with the default rule last.
 */
final class Listeners {

    static final int MAX_LISTENERS_PER_LOAD_BALANCER = 50;
    static final int MAX_RULES_PER_LOAD_BALANCER = 100;
    static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
    /** The predefined security policies of Application Load Balancers (ALB guide, "Security policies"). */
    private static final Set<String> SSL_POLICIES = Set.of(DEFAULT_SSL_POLICY, "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-FS-1-2-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06");
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");

    private final ElbArns arns;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> listenerOfRule = new HashMap<>();

    Listeners(ElbArns arns) {
        this.arns = arns;
    }

    /**
     * A listener's protocol, port and TLS settings, checked for an Application Load Balancer and with defaults
     * filled in: HTTPS needs one ACM or IAM certificate and takes a predefined security policy; HTTP takes neither.
     */
    static Listener settings(String protocol, Integer port, String sslPolicy, List<Certificate> certificates) {
        if (protocol == null) {
            throw new AwsException("ValidationError", "A listener protocol must be specified");
        }
        if (port == null) {
            throw new AwsException("ValidationError", "A listener port must be specified");
        }
        Constraints.oneOf(protocol, PROTOCOLS, "protocol");
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            throw new AwsException("ValidationError", "Listener protocol '" + protocol + "' must be one of 'HTTPS, "
                    + "HTTP'");
        }
        Constraints.between(port, 1, 65_535, "port");
        boolean hasCertificates = certificates != null && !certificates.isEmpty();
        if (protocol.equals("HTTP")) {
            if (hasCertificates) {
                throw new AwsException("ValidationError", "Certificates cannot be specified for HTTP listeners");
            }
            if (sslPolicy != null) {
                throw new AwsException("ValidationError", "An SSL policy cannot be specified for HTTP listeners");
            }
            return Listener.builder().protocol(protocol).port(port).build();
        }
        if (!hasCertificates) {
            throw new AwsException("ValidationError", "A certificate must be specified for HTTPS listeners");
        }
        if (certificates.size() > 1) {
            throw new AwsException("ValidationError", "Only one certificate can be specified for a listener; add "
                    + "others with AddListenerCertificates");
        }
        String certificate = Constraints.required(certificates.get(0).certificateArn(),
                "certificates.member.certificateArn");
        if (!certificate.matches("arn:aws:(acm:[^:]+:\\d{12}:certificate/|iam::\\d{12}:server-certificate/).+")) {
            throw new AwsException("CertificateNotFound", "Certificate '" + certificate + "' not found");
        }
        String policy = sslPolicy == null ? DEFAULT_SSL_POLICY : sslPolicy;
        if (!SSL_POLICIES.contains(policy)) {
            throw new AwsException("SSLPolicyNotFound", "SSL policy '" + policy + "' not found");
        }
        return Listener.builder().protocol(protocol).port(port).sslPolicy(policy)
                .certificates(Certificate.builder().certificateArn(certificate).build()).build();
    }

    /** Adds a listener and its default rule. */
    void add(Listener listener) {
        listeners.put(listener.listenerArn(), listener);
        Rule defaultRule = Rule.builder().ruleArn(arns.rule(listener.listenerArn())).priority("default")
                .conditions(List.of()).actions(listener.defaultActions()).isDefault(true).build();
        rules.put(defaultRule.ruleArn(), defaultRule);
        listenerOfRule.put(defaultRule.ruleArn(), listener.listenerArn());
    }

    /** Replaces a listener; its default rule takes its default actions. */
    void replace(Listener listener) {
        listeners.put(listener.listenerArn(), listener);
        Rule defaultRule = rulesOf(listener.listenerArn()).stream().filter(Rule::isDefault).findFirst().orElseThrow();
        rules.put(defaultRule.ruleArn(), defaultRule.toBuilder().actions(listener.defaultActions()).build());
    }

    Optional<Listener> get(String arn) {
        return Optional.ofNullable(listeners.get(arn));
    }

    Listener require(String arn) {
        ElbArns.check(arn, ElbArns.Kind.LISTENER);
        return get(arn).orElseThrow(Listeners::notFound);
    }

    List<Listener> of(String loadBalancerArn) {
        return listeners.values().stream().filter(l -> l.loadBalancerArn().equals(loadBalancerArn)).toList();
    }

    List<Listener> all() {
        return new ArrayList<>(listeners.values());
    }

    /** Removes a listener and its rules; answers the ARNs removed (the listener's and its rules'). */
    List<String> remove(String listenerArn) {
        List<String> removed = new ArrayList<>();
        removed.add(listenerArn);
        for (Rule rule : rulesOf(listenerArn)) {
            rules.remove(rule.ruleArn());
            listenerOfRule.remove(rule.ruleArn());
            removed.add(rule.ruleArn());
        }
        listeners.remove(listenerArn);
        return removed;
    }

    Rule addRule(String listenerArn, int priority, List<RuleCondition> conditions, List<Action> actions) {
        Rule rule = Rule.builder().ruleArn(arns.rule(listenerArn)).priority(String.valueOf(priority))
                .conditions(conditions).actions(actions).isDefault(false).build();
        rules.put(rule.ruleArn(), rule);
        listenerOfRule.put(rule.ruleArn(), listenerArn);
        return rule;
    }

    Optional<Rule> rule(String arn) {
        return Optional.ofNullable(rules.get(arn));
    }

    Rule requireRule(String arn) {
        ElbArns.check(arn, ElbArns.Kind.RULE);
        return rule(arn).orElseThrow(Listeners::ruleNotFound);
    }

    String listenerOf(String ruleArn) {
        return listenerOfRule.get(ruleArn);
    }

    /** The listener's rules in priority order, the default rule last. */
    List<Rule> rulesOf(String listenerArn) {
        return rules.values().stream().filter(r -> listenerArn.equals(listenerOfRule.get(r.ruleArn())))
                .sorted(Comparator.comparingInt(Listeners::order)).toList();
    }

    void replaceRule(Rule rule) {
        rules.put(rule.ruleArn(), rule);
    }

    void removeRule(String arn) {
        rules.remove(arn);
        listenerOfRule.remove(arn);
    }

    /** Whether another rule of the listener has this priority. */
    boolean priorityInUse(String listenerArn, int priority) {
        return rulesOf(listenerArn).stream().anyMatch(r -> r.priority().equals(String.valueOf(priority)));
    }

    /** Rules other than the default ones, across the load balancer's listeners (the quota counts these). */
    long ruleCount(String loadBalancerArn) {
        return of(loadBalancerArn).stream().flatMap(l -> rulesOf(l.listenerArn()).stream())
                .filter(r -> !r.isDefault()).count();
    }

    /** The load balancers whose listeners or rules forward to the target group. */
    Set<String> loadBalancersUsing(String targetGroupArn) {
        Set<String> users = new LinkedHashSet<>();
        for (Rule rule : rules.values()) {
            if (ActionRules.targetGroups(rule.actions()).contains(targetGroupArn)) {
                users.add(listeners.get(listenerOfRule.get(rule.ruleArn())).loadBalancerArn());
            }
        }
        return users;
    }

    /** The target groups a listener's rules forward to. */
    Set<String> targetGroupsOf(String listenerArn) {
        Set<String> groups = new LinkedHashSet<>();
        rulesOf(listenerArn).forEach(r -> groups.addAll(ActionRules.targetGroups(r.actions())));
        return groups;
    }

    void clear() {
        listeners.clear();
        rules.clear();
        listenerOfRule.clear();
    }

    static AwsException notFound() {
        return new AwsException("ListenerNotFound", "One or more listeners not found");
    }

    static AwsException ruleNotFound() {
        return new AwsException("RuleNotFound", "One or more rules not found");
    }

    private static int order(Rule rule) {
        return rule.isDefault() ? Integer.MAX_VALUE : Integer.parseInt(rule.priority());
    }
}
