package dev.ecsapp.sandbox.aws;

/**
 * How one AWS service is reached and spoken to.
 *
 * @param signingName      the service in the SigV4 credential scope ({@code ecs}, {@code elasticloadbalancing})
 * @param protocol         its wire protocol
 * @param jsonTargetPrefix JSON protocols: the {@code X-Amz-Target} prefix before the operation name
 * @param modelPackage     the AWS SDK package of its request and response classes
 * @param xmlNamespace     query protocols: the namespace of response documents
 */
public record ApiSpec(String signingName, Protocol protocol, String jsonTargetPrefix, String modelPackage,
        String xmlNamespace) {

    /** The wire protocols of the services the sandbox serves. */
    public enum Protocol { JSON, AWS_QUERY, EC2_QUERY }

    public static ApiSpec json(String signingName, String targetPrefix, String modelPackage) {
        return new ApiSpec(signingName, Protocol.JSON, targetPrefix, modelPackage, null);
    }

    public static ApiSpec query(String signingName, String modelPackage, String xmlNamespace) {
        return new ApiSpec(signingName, Protocol.AWS_QUERY, null, modelPackage, xmlNamespace);
    }

    public static ApiSpec ec2(String signingName, String modelPackage, String xmlNamespace) {
        return new ApiSpec(signingName, Protocol.EC2_QUERY, null, modelPackage, xmlNamespace);
    }
}
