package dev.ecsapp.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Pages and opaque next tokens, as AWS listings hand them out. */
class PaginationTest {

    private static final Supplier<AwsException> INVALID = () -> new AwsException("InvalidNextTokenException", "bad");

    @Test
    void followingTheTokensVisitsEveryItemOnceInOrder() {
        List<Integer> all = List.of(1, 2, 3, 4, 5, 6, 7);
        List<Integer> seen = new ArrayList<>();
        String token = null;
        do {
            Pagination.Page<Integer> page = Pagination.page(all, token, 3, INVALID);
            seen.addAll(page.items());
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).isEqualTo(all);
    }

    @Test
    void theLastPageHasNoToken() {
        assertThat(Pagination.page(List.of(1, 2), null, 2, INVALID).nextToken()).isNull();
    }

    @Test
    void aTokenThatNamesNoPlaceIsTheServicesError() {
        assertThatThrownBy(() -> Pagination.page(List.of(1), "eyJvZmZzZXQiOjF9", 2, INVALID))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidNextTokenException"));
    }
}
