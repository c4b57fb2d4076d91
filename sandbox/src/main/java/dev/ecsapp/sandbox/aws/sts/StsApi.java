package dev.ecsapp.sandbox.aws.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsapp.sandbox.aws.Account;
import dev.ecsapp.sandbox.aws.ApiSpec;
import dev.ecsapp.sandbox.aws.AwsApi;
import dev.ecsapp.sandbox.aws.protocol.JsonCodec;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS: who am I. Any credentials are the sandbox account's administrator. */
public final class StsApi implements AwsApi {

    private static final ApiSpec SPEC = ApiSpec.query("sts", "software.amazon.awssdk.services.sts.model",
            "https://sts.amazonaws.com/doc/2011-06-15/");

    private final Account account;

    public StsApi(Account account) {
        this.account = account;
    }

    @Override
    public ApiSpec spec() {
        return SPEC;
    }

    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        return GetCallerIdentityResponse.builder()
                .account(account.id())
                .arn("arn:aws:iam::" + account.id() + ":user/sandbox")
                .userId("AIDASANDBOXUSER00001")
                .build();
    }

    @Override
    public void reset() {
        // STS keeps no state.
    }

    @Override
    public JsonNode state(JsonCodec json) {
        return json.mapper().createObjectNode().put("account", account.id());
    }
}
