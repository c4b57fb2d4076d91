package dev.ecsapp.operator.metrics;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call the operator's SDK clients finish, by service, operation and outcome: registered on each
 * client, so no adapter has to remember to count. A call is counted once, however many retries it took.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {

    private final OperatorMetrics metrics;

    public AwsCallMetrics(OperatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String outcome = context.exception() instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null ? aws.awsErrorDetails().errorCode() : "client_error";
        record(attributes, outcome);
    }

    private void record(ExecutionAttributes attributes, String outcome) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        metrics.awsCall(service == null ? "unknown" : service, operation == null ? "unknown" : operation, outcome);
    }
}
