package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.api.v1alpha1.EcsAppSpec;
import dev.ecsapp.operator.api.v1alpha1.EcsAppStatus;
import dev.ecsapp.operator.api.v1alpha1.LoadBalancerSpec;
import dev.ecsapp.operator.api.v1alpha1.RepositorySpec;
import dev.ecsapp.operator.config.OperatorDefaults;
import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.ResourceNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an app's AWS resources may be, for deleting them: the clusters, listeners and repositories its last status
 * and whatever of its spec can be read name, and what it still had to retire. Unlike the desired state it needs no
 * valid spec, so an app that was never valid, or is half made, can still be deleted. The names inside those places
 * come from the app's identity alone, and nothing is deleted whose owner tag does not name the app.
 */
record Footprint(Set<String> clusters, Set<String> listeners, Set<String> repositories, List<String> retired) {

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern LISTENER = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:"
            + "listener/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+");
    private static final Pattern REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+"
            + "(?:[._-][a-z0-9]+)*");

    Footprint {
        clusters = Set.copyOf(clusters);
        listeners = Set.copyOf(listeners);
        repositories = Set.copyOf(repositories);
        retired = List.copyOf(retired);
    }

    /**
     * @param spec the spec as far as it could be read, or null when it could not be read at all
     * @param status the last status, or null
     */
    static Footprint of(AppIdentity app, EcsAppSpec spec, EcsAppStatus status, OperatorDefaults defaults) {
        Set<String> clusters = new LinkedHashSet<>();
        Set<String> listeners = new LinkedHashSet<>();
        Set<String> repositories = new LinkedHashSet<>();
        if (status != null && status.resources() != null) {
            addIfValid(clusters, clusterOf(status.resources().serviceArn()), CLUSTER);
            addIfValid(listeners, listenerOf(status.resources().listenerRuleArn()), LISTENER);
            status.resources().toRetire().forEach(arn -> {
                addIfValid(clusters, clusterOf(arn), CLUSTER);
                addIfValid(listeners, listenerOf(arn), LISTENER);
            });
        }
        if (status != null && status.repositoryUri() != null && status.repositoryUri().contains("/")) {
            addIfValid(repositories, status.repositoryUri().substring(status.repositoryUri().indexOf('/') + 1),
                    REPOSITORY);
        }
        String cluster = spec != null && spec.cluster() != null ? spec.cluster() : defaults.cluster();
        addIfValid(clusters, cluster != null && cluster.startsWith("arn:") ? cluster.substring(cluster.lastIndexOf('/')
                + 1) : cluster, CLUSTER);
        LoadBalancerSpec loadBalancer = spec == null ? null : spec.loadBalancer();
        if (loadBalancer != null) {
            addIfValid(listeners, loadBalancer.listenerArn() != null ? loadBalancer.listenerArn()
                    : defaults.listenerArn(), LISTENER);
        }
        RepositorySpec repository = spec == null ? null : spec.repository();
        if (repository != null && repository.managed()) {
            addIfValid(repositories, repository.name() != null ? repository.name()
                    : new ResourceNames(app).defaultRepositoryName(), REPOSITORY);
        }
        List<String> retired = status == null || status.resources() == null ? List.of()
                : status.resources().toRetire();
        return new Footprint(clusters, listeners, repositories, retired);
    }

    /** arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME → CLUSTER; null for anything else. */
    static String clusterOf(String arn) {
        if (arn == null || !arn.contains(":service/")) {
            return null;
        }
        String[] parts = arn.substring(arn.indexOf(":service/") + ":service/".length()).split("/");
        return parts.length == 2 ? parts[0] : null;
    }

    /** A rule's ARN is its listener's with listener-rule for listener and the rule's id appended. */
    static String listenerOf(String ruleArn) {
        if (ruleArn == null || !ruleArn.contains(":listener-rule/")) {
            return null;
        }
        String listener = ruleArn.replace(":listener-rule/", ":listener/");
        return listener.substring(0, listener.lastIndexOf('/'));
    }

    // A value that cannot name a resource (an invalid spec's) would only make AWS refuse the lookup and block the
    // deletion; nothing of the app can be there.
    private static void addIfValid(Set<String> into, String value, Pattern form) {
        if (value != null && form.matcher(value).matches()) {
            into.add(value);
        }
    }
}
