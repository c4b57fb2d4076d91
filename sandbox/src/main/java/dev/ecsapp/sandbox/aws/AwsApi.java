package dev.ecsapp.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;

/**
 * One simulated AWS service. Its operations are public methods named after the operation in lower camel case,
 * taking the SDK's request object and returning its response object
 * ({@code CreateServiceResponse createService(CreateServiceRequest)}); errors are thrown as
 * {@link dev.ecsapp.sandbox.aws.protocol.AwsException}. The wire format is not its concern.
 *
 * <p>Every call runs under the sandbox's one lock, with every simulated event due before it already applied.
 */
public interface AwsApi {

    ApiSpec spec();

    /** Forgets all state (the control API's reset). */
    void reset();

    /**
     * All state, as JSON, for the control API's dump: resources in the shape AWS describes them
     * ({@link JsonCodec#toTree} renders SDK model objects).
     */
    JsonNode state(JsonCodec json);
}
