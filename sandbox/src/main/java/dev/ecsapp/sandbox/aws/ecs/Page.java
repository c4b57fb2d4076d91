package dev.ecsapp.sandbox.aws.ecs;

import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.List;

/** ECS's list pagination: maxResults from 1 to the call's limit (default: the limit), an opaque nextToken. */
final class Page {

    private Page() {
    }

    static <T> Pagination.Page<T> of(List<T> all, Integer maxResults, int limit, String token) {
        int size = maxResults == null ? limit : maxResults;
        if (size < 1 || size > limit) {
            throw new AwsException("InvalidParameterException", "maxResults must be between 1 and " + limit + ".");
        }
        return Pagination.page(all, token, size, () -> new AwsException("InvalidParameterException",
                "Invalid token " + token));
    }
}
