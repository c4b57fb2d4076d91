package dev.ecsapp.sandbox.differential;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The real SDK clients of one implementation under test (the sandbox or moto); no retries, so errors show as is. */
final class Clients implements AutoCloseable {

    final EcsClient ecs;
    final StsClient sts;
    final Ec2Client ec2;
    final EcrClient ecr;
    final ElasticLoadBalancingV2Client elb;
    final CloudWatchLogsClient logs;

    Clients(String endpoint) {
        this.ecs = build(EcsClient.builder(), endpoint);
        this.sts = build(StsClient.builder(), endpoint);
        this.ec2 = build(Ec2Client.builder(), endpoint);
        this.ecr = build(EcrClient.builder(), endpoint);
        this.elb = build(ElasticLoadBalancingV2Client.builder(), endpoint);
        this.logs = build(CloudWatchLogsClient.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C>, C> C build(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADIFF", "x")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        ecs.close();
        sts.close();
        ec2.close();
        ecr.close();
        elb.close();
        logs.close();
    }
}
