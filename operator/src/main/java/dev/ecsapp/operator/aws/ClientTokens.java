package dev.ecsapp.operator.aws;

import dev.ecsapp.operator.desired.AppIdentity;
import dev.ecsapp.operator.desired.Sha256;
import java.nio.charset.StandardCharsets;

// The same app and generation give the same token, so a CreateService repeated after a crash returns the service the
// first call made instead of a second one; a new generation (a changed spec) gives a new token.
/** Idempotency tokens for AWS create calls: at most 36 ASCII characters, derived from the app and its generation. */
public final class ClientTokens {

    /** CreateService's limit. */
    public static final int MAX_LENGTH = 36;
    private static final int HEX_DIGITS = 32;

    private ClientTokens() {
    }

    public static String createService(AppIdentity app, long generation) {
        String source = "CreateService\n" + app.owner() + "\n" + generation;
        return Sha256.hex(source.getBytes(StandardCharsets.UTF_8), HEX_DIGITS);
    }
}
