package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.api.v1alpha1.Conditions;
import dev.ecsapp.operator.desired.AppReferences;
import dev.ecsapp.operator.desired.AppReferences.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

// Without it AWS refuses a missing subnet or security group only at CreateService, a missing listener at
// CreateTargetGroup's VPC lookup or CreateRule, a missing cluster at CreateService: after the log group, target group,
// rule and task definition were made, and naming its own parameter rather than the user's field.
/** Reads, before a full convergence's first write, whether what an app names in AWS exists and fits together. */
public final class ReferenceCheck {

    /** The code of the refusal, which gets a condition reason of its own. */
    public static final String INVALID_REFERENCE = "InvalidReference";
    /**
     * How long an answer that exists is trusted. Apps share their subnets, groups, listener and cluster, so every
     * reconcile of every app within this time costs no read. Existence can end (a listener deleted); then the write
     * AWS refuses says so, as without this check. An answer that something is missing is never kept: the user who
     * creates it sees the app go on at its next look.
     */
    static final Duration REMEMBER = Duration.ofMinutes(10);
    /** Per kind of reference; beyond it the oldest answers are forgotten first. */
    static final int MAX_REMEMBERED = 1000;
    private static final String ACTIVE = "ACTIVE";

    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final EcsClient ecs;
    private final Clock clock;
    private final Remembered subnetVpcs = new Remembered();
    private final Remembered groupVpcs = new Remembered();
    private final Remembered listenerVpcs = new Remembered();
    private final Remembered activeClusters = new Remembered();

    public ReferenceCheck(Ec2Client ec2, ElasticLoadBalancingV2Client elb, EcsClient ecs, Clock clock) {
        this.ec2 = ec2;
        this.elb = elb;
        this.ecs = ecs;
        this.clock = clock;
    }

    /**
     * What the reads found: the VPC of each subnet and security group that exists, the VPC of the listener's load
     * balancer (empty when the listener does not exist, or the app has none), and the cluster's status (empty when
     * ECS does not know it).
     */
    record Found(Map<String, String> subnetVpcs, Map<String, String> groupVpcs, Optional<String> listenerVpc,
            Optional<String> clusterStatus) {
    }

    /**
     * Reads what is not remembered (one call per kind at most) and refuses the app when anything is wrong.
     *
     * @throws AwsCallException terminal, code {@link #INVALID_REFERENCE}, naming every field that is wrong; or the
     *     read's own failure (throttling, access denied)
     */
    public void check(AppReferences references) {
        Found found = new Found(
                vpcs(references.subnets(), subnetVpcs, this::describeSubnets),
                vpcs(references.securityGroups(), groupVpcs, this::describeSecurityGroups),
                references.listener().flatMap(listener -> listenerVpc(listener.value())),
                clusterStatus(references.cluster().value()));
        List<String> problems = problems(references, found);
        if (!problems.isEmpty()) {
            throw new AwsCallException("CheckReferences", AwsFailure.refusal(INVALID_REFERENCE,
                    Conditions.REASON_INVALID_REFERENCE, String.join("; ", problems)), null);
        }
    }

    /** Every field that names something missing or in the wrong VPC, with what is wrong; empty when all is well. */
    static List<String> problems(AppReferences references, Found found) {
        List<String> problems = new ArrayList<>();
        for (Reference subnet : references.subnets()) {
            if (!found.subnetVpcs().containsKey(subnet.value())) {
                problems.add(subnet.source() + ": the subnet " + subnet.value() + " does not exist in this account "
                        + "and region");
            }
        }
        for (Reference group : references.securityGroups()) {
            if (!found.groupVpcs().containsKey(group.value())) {
                problems.add(group.source() + ": the security group " + group.value() + " does not exist in this "
                        + "account and region");
            }
        }
        references.listener().filter(listener -> found.listenerVpc().isEmpty()).ifPresent(listener -> problems.add(
                listener.source() + ": the listener " + listener.value() + " does not exist; name a listener of "
                + "the app's load balancer"));
        Reference cluster = references.cluster();
        if (found.clusterStatus().isEmpty()) {
            problems.add(cluster.source() + ": the ECS cluster " + cluster.value() + " does not exist in this account "
                    + "and region");
        } else if (!ACTIVE.equals(found.clusterStatus().get())) {
            problems.add(cluster.source() + ": the ECS cluster " + cluster.value() + " is "
                    + found.clusterStatus().get() + ", not " + ACTIVE);
        }
        sameVpc(references, found, problems);
        return List.copyOf(problems);
    }

    /**
     * The target group goes in the load balancer's VPC, so tasks in another VPC could never be reached; without a
     * load balancer ECS still wants all of a service's subnets and security groups in one VPC, the first subnet's.
     */
    private static void sameVpc(AppReferences references, Found found, List<String> problems) {
        String vpc;
        String because;
        if (references.listener().isPresent()) {
            if (found.listenerVpc().isEmpty()) {
                return;
            }
            vpc = found.listenerVpc().get();
            because = "the load balancer of " + references.listener().get().source() + " is in " + vpc
                    + ", and tasks in another VPC could never be reached by it";
        } else {
            Optional<Reference> first = references.subnets().stream()
                    .filter(subnet -> found.subnetVpcs().containsKey(subnet.value())).findFirst();
            if (first.isEmpty()) {
                return;
            }
            vpc = found.subnetVpcs().get(first.get().value());
            because = "the subnet " + first.get().value() + " of " + first.get().source() + " is in " + vpc
                    + ", and ECS runs a service's tasks in one VPC";
        }
        for (Reference subnet : references.subnets()) {
            String in = found.subnetVpcs().get(subnet.value());
            if (in != null && !in.equals(vpc)) {
                problems.add(subnet.source() + ": the subnet " + subnet.value() + " is in " + in + ", but " + because
                        + "; use a subnet of " + vpc);
            }
        }
        for (Reference group : references.securityGroups()) {
            String in = found.groupVpcs().get(group.value());
            if (in != null && !in.equals(vpc)) {
                problems.add(group.source() + ": the security group " + group.value() + " is in " + in + ", but "
                        + because + "; use a security group of " + vpc);
            }
        }
    }

    /** The VPC of each id that exists: remembered ones, then one read of the rest. */
    private Map<String, String> vpcs(List<Reference> references, Remembered remembered,
            Function<List<String>, Map<String, String>> read) {
        Instant now = clock.instant();
        Map<String, String> vpcs = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : references.stream().map(Reference::value).distinct().toList()) {
            remembered.get(id, now).ifPresentOrElse(vpc -> vpcs.put(id, vpc), () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            read.apply(unknown).forEach((id, vpc) -> {
                vpcs.put(id, vpc);
                remembered.put(id, vpc, now);
            });
        }
        return vpcs;
    }

    // By filter, not by id: asked by id, EC2 refuses the whole call (InvalidSubnetID.NotFound, InvalidGroup.NotFound)
    // and says which ids only in its message; a filter answers with those that exist.
    private Map<String, String> describeSubnets(List<String> ids) {
        Map<String, String> vpcs = new HashMap<>();
        AwsErrors.call("DescribeSubnets", () -> ec2.describeSubnets(r -> r.filters(Filter.builder().name("subnet-id")
                .values(ids).build()))).subnets().forEach((Subnet subnet) -> vpcs.put(subnet.subnetId(),
                subnet.vpcId()));
        return vpcs;
    }

    private Map<String, String> describeSecurityGroups(List<String> ids) {
        Map<String, String> vpcs = new HashMap<>();
        AwsErrors.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                .name("group-id").values(ids).build()))).securityGroups().forEach((SecurityGroup group) -> vpcs.put(
                group.groupId(), group.vpcId()));
        return vpcs;
    }

    /** The VPC of the listener's load balancer; empty when there is no such listener. */
    private Optional<String> listenerVpc(String listenerArn) {
        Instant now = clock.instant();
        Optional<String> remembered = listenerVpcs.get(listenerArn, now);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<String> vpc = AwsErrors.find("DescribeListeners", () -> elb.describeListeners(r -> r
                        .listenerArns(listenerArn))).flatMap(answer -> answer.listeners().stream().findFirst())
                .flatMap(listener -> AwsErrors.find("DescribeLoadBalancers", () -> elb.describeLoadBalancers(r -> r
                        .loadBalancerArns(listener.loadBalancerArn()))))
                .flatMap(answer -> answer.loadBalancers().stream().findFirst()).map(LoadBalancer::vpcId);
        vpc.ifPresent(found -> listenerVpcs.put(listenerArn, found, now));
        return vpc;
    }

    /** The cluster's status; empty when ECS answers MISSING. Only ACTIVE is remembered. */
    private Optional<String> clusterStatus(String name) {
        Instant now = clock.instant();
        Optional<String> remembered = activeClusters.get(name, now);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<String> status = AwsErrors.call("DescribeClusters", () -> ecs.describeClusters(r -> r.clusters(name)))
                .clusters().stream().filter(cluster -> name.equals(cluster.clusterName())).map(Cluster::status)
                .findFirst();
        status.filter(ACTIVE::equals).ifPresent(active -> activeClusters.put(name, active, now));
        return status;
    }

    /** Answers by key, each for {@link #REMEMBER}, at most {@link #MAX_REMEMBERED} of them (the oldest go first). */
    static final class Remembered {

        private record Answer(String value, Instant until) {
        }

        private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();

        synchronized Optional<String> get(String key, Instant now) {
            Answer answer = answers.get(key);
            if (answer == null) {
                return Optional.empty();
            }
            if (!now.isBefore(answer.until())) {
                answers.remove(key);
                return Optional.empty();
            }
            return Optional.of(answer.value());
        }

        synchronized void put(String key, String value, Instant now) {
            answers.remove(key); // so that it counts as the newest
            answers.put(key, new Answer(value, now.plus(REMEMBER)));
            while (answers.size() > MAX_REMEMBERED) {
                answers.remove(answers.keySet().iterator().next());
            }
        }

        synchronized int size() {
            return answers.size();
        }
    }
}
