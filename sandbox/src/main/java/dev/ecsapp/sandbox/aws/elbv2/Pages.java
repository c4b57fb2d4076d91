package dev.ecsapp.sandbox.aws.elbv2;

import dev.ecsapp.sandbox.aws.Pagination;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.List;

/** ELBv2's Marker pagination: at most PageSize items (1 to 400), a NextMarker while more remain. */
final class Pages {

    static final int MAX_PAGE_SIZE = 400;

    private Pages() {
    }

    static <T> Pagination.Page<T> of(List<T> all, String marker, Integer pageSize) {
        Constraints.between(pageSize, 1, MAX_PAGE_SIZE, "pageSize");
        return Pagination.page(all, marker, pageSize == null ? MAX_PAGE_SIZE : pageSize,
                () -> new AwsException("ValidationError", "Invalid marker '" + marker + "'"));
    }
}
