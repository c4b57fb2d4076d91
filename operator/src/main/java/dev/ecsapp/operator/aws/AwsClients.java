package dev.ecsapp.operator.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

// No endpoint code for AWS_ENDPOINT_URL: since 2.21 the SDK reads it (and the aws.endpointUrl system property) itself
// whenever no endpointOverride is given; AwsClientsTest proves it for this version.
/**
 * The SDK clients the operator uses, all on the url-connection HTTP client with the standard retry mode; the ECS and
 * ELBv2 clients wait for AWS's documented rates on the client side ({@link ClientRateLimit}).
 */
public final class AwsClients implements AutoCloseable {

    private final EcsClient ecs;
    private final EcrClient ecr;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchLogsClient logs;
    private final ApplicationAutoScalingClient autoScaling;
    private final Ec2Client ec2;

    /** Where the clients connect and as whom; null fields fall back to the SDK's default provider chains. */
    public record Target(URI endpoint, Region region, AwsCredentialsProvider credentials) {

        /** Region, credentials and endpoint (AWS_ENDPOINT_URL) from the environment, as the SDK finds them. */
        public static Target fromEnvironment() {
            return new Target(null, null, null);
        }
    }

    public AwsClients(Target target) {
        this(target, List.of());
    }

    /** With interceptors on every client (the operator's call metrics). */
    public AwsClients(Target target, List<ExecutionInterceptor> interceptors) {
        this.ecs = build(EcsClient.builder(), target, withRateLimit("ecs", interceptors));
        this.ecr = build(EcrClient.builder(), target, interceptors);
        this.elb = build(ElasticLoadBalancingV2Client.builder(), target,
                withRateLimit("elasticloadbalancing", interceptors));
        this.logs = build(CloudWatchLogsClient.builder(), target, interceptors);
        this.autoScaling = build(ApplicationAutoScalingClient.builder(), target, interceptors);
        // No client-side rate limit: EC2 is read a few times per subnet and security group every ten minutes
        // (ReferenceCheck remembers the answers), far below its account-wide Describe rate.
        this.ec2 = build(Ec2Client.builder(), target, interceptors);
    }

    private static List<ExecutionInterceptor> withRateLimit(String signingName, List<ExecutionInterceptor> others) {
        List<ExecutionInterceptor> all = new ArrayList<>(others);
        all.add(new ClientRateLimit(signingName));
        return all;
    }

    /** Clients configured from the environment: the default region, credentials and endpoint chains. */
    public static AwsClients fromEnvironment() {
        return new AwsClients(Target.fromEnvironment());
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            Target target, List<ExecutionInterceptor> interceptors) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                // Standard mode: 3 attempts with jittered backoff, enough for a burst; sustained throttling
                // surfaces as a TRANSIENT failure and the reconcile is retried later.
                .overrideConfiguration(c -> {
                    c.retryStrategy(RetryMode.STANDARD);
                    interceptors.forEach(c::addExecutionInterceptor);
                });
        if (target.endpoint() != null) {
            builder.endpointOverride(target.endpoint());
        }
        if (target.region() != null) {
            builder.region(target.region());
        }
        if (target.credentials() != null) {
            builder.credentialsProvider(target.credentials());
        }
        return builder.build();
    }

    public EcsClient ecs() {
        return ecs;
    }

    public EcrClient ecr() {
        return ecr;
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb;
    }

    public CloudWatchLogsClient logs() {
        return logs;
    }

    public ApplicationAutoScalingClient autoScaling() {
        return autoScaling;
    }

    public Ec2Client ec2() {
        return ec2;
    }

    @Override
    public void close() {
        ecs.close();
        ecr.close();
        elb.close();
        logs.close();
        autoScaling.close();
        ec2.close();
    }
}
