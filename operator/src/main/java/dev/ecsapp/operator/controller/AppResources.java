package dev.ecsapp.operator.controller;

import dev.ecsapp.operator.aws.AwsClients;
import dev.ecsapp.operator.aws.ListenerRuleAdapter;
import dev.ecsapp.operator.aws.LogGroupAdapter;
import dev.ecsapp.operator.aws.ReferenceCheck;
import dev.ecsapp.operator.aws.RepositoryAdapter;
import dev.ecsapp.operator.aws.RolloutObserver;
import dev.ecsapp.operator.aws.ScalingAdapter;
import dev.ecsapp.operator.aws.ServiceAdapter;
import dev.ecsapp.operator.aws.ServiceReads;
import dev.ecsapp.operator.aws.TargetGroupAdapter;
import dev.ecsapp.operator.aws.TaskDefinitionAdapter;
import java.time.Clock;
import java.time.Duration;

/** One adapter per AWS resource kind, built once from the clients and shared by every reconcile. */
record AppResources(
        RepositoryAdapter repositories,
        LogGroupAdapter logGroups,
        TargetGroupAdapter targetGroups,
        ListenerRuleAdapter listenerRules,
        TaskDefinitionAdapter taskDefinitions,
        ServiceAdapter services,
        ScalingAdapter scaling,
        RolloutObserver rollouts,
        ReferenceCheck references) {

    /** How long one DescribeServices answer serves every reconcile that asks; well under any poll interval. */
    private static final Duration SERVICE_ANSWER_REUSE = Duration.ofMillis(800);

    static AppResources of(AwsClients clients, Clock clock) {
        ServiceReads services = new ServiceReads(clients.ecs(), SERVICE_ANSWER_REUSE);
        return new AppResources(
                new RepositoryAdapter(clients.ecr()),
                new LogGroupAdapter(clients.logs()),
                new TargetGroupAdapter(clients.elb()),
                new ListenerRuleAdapter(clients.elb()),
                new TaskDefinitionAdapter(clients.ecs()),
                new ServiceAdapter(clients.ecs(), services),
                new ScalingAdapter(clients.autoScaling()),
                new RolloutObserver(clients.ecs(), services, clients.elb()),
                new ReferenceCheck(clients.ec2(), clients.elb(), clients.ecs(), clock));
    }
}
