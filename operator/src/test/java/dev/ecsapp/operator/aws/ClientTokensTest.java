package dev.ecsapp.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.desired.AppIdentity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

    private static final AppIdentity SHOP = new AppIdentity("team-a", "shop");

    @Test
    void theSameAppAndGenerationGiveTheSameToken() {
        assertThat(ClientTokens.createService(SHOP, 3)).isEqualTo(ClientTokens.createService(SHOP, 3));
    }

    @Test
    void anotherGenerationOrAnotherAppGivesAnotherToken() {
        assertThat(ClientTokens.createService(SHOP, 4)).isNotEqualTo(ClientTokens.createService(SHOP, 3));
        assertThat(ClientTokens.createService(new AppIdentity("team-b", "shop"), 3))
                .isNotEqualTo(ClientTokens.createService(SHOP, 3));
    }

    @Test
    void aTokenIsAtMost36AsciiCharacters() {
        String token = ClientTokens.createService(new AppIdentity("a".repeat(63), "b".repeat(253)), Long.MAX_VALUE);

        assertThat(token.length()).isLessThanOrEqualTo(ClientTokens.MAX_LENGTH);
        assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(token)).isTrue();
    }
}
