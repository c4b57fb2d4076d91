package dev.ecsapp.sandbox.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.cli.AwsCli;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Log streams and events through the real {@link CloudWatchLogsClient} and {@code aws logs tail}. */
class LogEventsContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private CloudWatchLogsClient logs;

    @BeforeEach
    void client() {
        logs = sandbox.client(CloudWatchLogsClient.builder());
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));
        logs.createLogStream(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-1"));
    }

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void eventsPutAreReadBackInOrderAndTheForwardTokenSeesOnlyNewOnes() {
        long now = System.currentTimeMillis();
        put("web/web/task-1", event(now, "first"), event(now + 1, "second"));

        GetLogEventsResponse read = logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-1")
                .startFromHead(true));
        put("web/web/task-1", event(now + 2, "third"));
        GetLogEventsResponse next = logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-1")
                .nextToken(read.nextForwardToken()));
        GetLogEventsResponse again = logs.getLogEvents(r -> r.logGroupName("/ecs/web")
                .logStreamName("web/web/task-1").nextToken(next.nextForwardToken()));

        assertThat(read.events()).extracting(OutputLogEvent::message).containsExactly("first", "second");
        assertThat(next.events()).extracting(OutputLogEvent::message).containsExactly("third");
        assertThat(again.events()).isEmpty();
        assertThat(again.nextForwardToken()).isEqualTo(next.nextForwardToken());
    }

    @Test
    void streamsAreDescribedByNameOrByLastEventTime() {
        logs.createLogStream(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-2"));
        long now = System.currentTimeMillis();
        put("web/web/task-2", event(now - 1000, "older"));
        put("web/web/task-1", event(now, "newer"));

        var byName = logs.describeLogStreams(r -> r.logGroupName("/ecs/web")).logStreams();
        var newestFirst = logs.describeLogStreams(r -> r.logGroupName("/ecs/web").orderBy(OrderBy.LAST_EVENT_TIME)
                .descending(true)).logStreams();

        assertThat(byName).extracting(s -> s.logStreamName()).containsExactly("web/web/task-1", "web/web/task-2");
        assertThat(newestFirst.get(0).logStreamName()).isEqualTo("web/web/task-1");
        assertThat(newestFirst.get(0).lastEventTimestamp()).isEqualTo(now);
        assertThat(newestFirst.get(0).arn())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:log-stream:web/web/task-1");
    }

    @Test
    void filterLogEventsSearchesAcrossStreamsWithTermsAlternativesAndExclusions() {
        logs.createLogStream(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-2"));
        long now = System.currentTimeMillis();
        put("web/web/task-1", event(now, "GET /health 200"), event(now + 2, "GET /orders 500 boom"));
        put("web/web/task-2", event(now + 1, "POST /orders 201"));

        assertThat(filter("orders")).containsExactly("POST /orders 201", "GET /orders 500 boom");
        assertThat(filter("?201 ?500")).containsExactly("POST /orders 201", "GET /orders 500 boom");
        assertThat(filter("GET -health")).containsExactly("GET /orders 500 boom");
        assertThat(filter("\"500 boom\"")).containsExactly("GET /orders 500 boom");
        assertThat(filter("{ $.status = 500 }")).as("JSON patterns are not understood").isEmpty();
    }

    @Test
    void refusalsAsCloudWatchLogsWordsThem() {
        long now = System.currentTimeMillis();

        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-1")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> put("missing", event(now, "x")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log stream does not exist.");
        assertThatThrownBy(() -> put("web/web/task-1", event(now, "b"), event(now - 1, "a")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must be in chronological order");
    }

    @Test
    void awsLogsTailPrintsTheEventsWithTheirStream() throws Exception {
        long now = System.currentTimeMillis();
        put("web/web/task-1", event(now - 5_000, "{\"level\":\"INFO\",\"message\":\"started\"}"));

        AwsCli.Result tail = new AwsCli(sandbox.endpoint()).run("logs", "tail", "/ecs/web", "--since", "10m");

        assertThat(tail.exitCode()).as("%s", tail).isZero();
        assertThat(tail.stdout()).contains("web/web/task-1").contains("{\"level\":\"INFO\",\"message\":\"started\"}");
    }

    @Test
    void aLocallyRunningTaskAppendsToItsStreamWhichIsMadeOnFirstUse() {
        boolean taken = sandbox.sandbox().appendLog("/ecs/web", "web/web/task-9", System.currentTimeMillis(),
                "hello from a task");
        boolean dropped = sandbox.sandbox().appendLog("/ecs/none", "web/web/task-9", System.currentTimeMillis(),
                "lost");

        assertThat(taken).isTrue();
        assertThat(dropped).isFalse();
        assertThat(logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName("web/web/task-9")).events())
                .extracting(OutputLogEvent::message).containsExactly("hello from a task");
    }

    private List<String> filter(String pattern) {
        return logs.filterLogEvents(r -> r.logGroupName("/ecs/web").filterPattern(pattern)).events().stream()
                .map(e -> e.message()).toList();
    }

    private void put(String stream, InputLogEvent... events) {
        logs.putLogEvents(r -> r.logGroupName("/ecs/web").logStreamName(stream).logEvents(events));
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }
}
