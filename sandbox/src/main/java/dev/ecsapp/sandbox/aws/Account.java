package dev.ecsapp.sandbox.aws;

/**
 * The one account and region the sandbox plays: every ARN and ID it makes is in them.
 *
 * @param id     the account ID (AWS's documentation example, {@value #DEFAULT_ID})
 * @param region the region this endpoint serves; calls signed for another region are refused, as a regional AWS
 *               endpoint refuses them
 */
public record Account(String id, String region) {

    public static final String DEFAULT_ID = "123456789012";

    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + id + ":" + resource;
    }
}
