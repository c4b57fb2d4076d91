package dev.ecsapp.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.http.HttpClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** The dependency choices of shared/STACK.md, held to by tests rather than by memory. */
class ClassPathTest {

    @Test
    void fabric8FindsExactlyOneHttpClientTheJdkOne() {
        // With a second factory on the class path fabric8 picks either, and the Vert.x one would bring Vert.x 4 along.
        assertThat(ServiceLoader.load(HttpClient.Factory.class).stream().map(p -> p.type().getName()))
                .containsExactly("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory");
    }

    @Test
    void noVertxIsOnTheOperatorsRunTimeClassPath() throws IOException {
        // Read from the list Maven writes (see pom.xml): tests load the sandbox, whose fabric8 mock brings Vert.x 4.
        List<String> jars = List.of(Files.readString(Path.of("target", "runtime-classpath.txt"))
                .split(File.pathSeparator));

        assertThat(jars).anyMatch(jar -> jar.contains("operator-framework"));
        assertThat(jars).noneMatch(jar -> jar.contains("vertx"));
        assertThat(jars).noneMatch(jar -> jar.contains("sandbox"));
    }

    @Test
    void thePinnedApplicationAutoScalingClientMarshalsOnTheSdkCoreOfTheOtherModules() {
        AtomicReference<SdkHttpRequest> sent = new AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.set(context.httpRequest());
                throw new IllegalStateException("captured; nothing goes on the wire");
            }
        };
        try (ApplicationAutoScalingClient client = ApplicationAutoScalingClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(capture))
                .build()) {
            assertThatThrownBy(() -> client.registerScalableTarget(r -> r
                    .serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/production/shop_checkout")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .minCapacity(2)
                    .maxCapacity(10)))
                    .hasMessage("captured; nothing goes on the wire");
        }

        assertThat(sent.get().firstMatchingHeader("X-Amz-Target"))
                .hasValue("AnyScaleFrontendService.RegisterScalableTarget");
        assertThat(sent.get().host()).isEqualTo("application-autoscaling.eu-west-1.amazonaws.com");
    }
}
