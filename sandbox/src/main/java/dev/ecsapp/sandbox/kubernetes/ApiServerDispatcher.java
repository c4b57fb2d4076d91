package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Refuses what the CRUD store would mishandle, answers discovery, and hands every other request to the store. */
final class ApiServerDispatcher extends Dispatcher {

    private static final Pattern GROUP_VERSION_PATH = Pattern.compile("/apis/([^/]+/[^/]+)/?");

    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final Dispatcher store;
    private final Discovery discovery;

    ApiServerDispatcher(Dispatcher store, Discovery discovery) {
        this.store = store;
        this.discovery = discovery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<MockResponse> refusal = UnsupportedRequests.refusalOf(request);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (request.method() == HttpMethod.POST && pathOf(request).equals(RULES_REVIEWS)) {
            return everythingAllowed(request);
        }
        if (request.method() == HttpMethod.GET) {
            Optional<MockResponse> answer = discoveryAnswer(pathOf(request));
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        try {
            return store.dispatch(request);
        } catch (RuntimeException e) {
            // Vert.x would log this and never answer; a client waiting on it hangs until its own timeout.
            return Responses.status(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError", rootCauseOf(e));
        }
    }

    /**
     * The sandbox has no RBAC: whoever asks may do everything, and a SelfSubjectRulesReview says so (java-operator-sdk
     * asks one before leader election, to check its rights on Leases; the store alone would answer 422).
     */
    private static MockResponse everythingAllowed(RecordedRequest request) {
        SelfSubjectRulesReview review = Serialization.unmarshal(request.getBody().readUtf8(),
                SelfSubjectRulesReview.class);
        review.setStatus(new SubjectRulesReviewStatusBuilder().withIncomplete(false)
                .addNewResourceRule().withVerbs("*").withApiGroups("*").withResources("*").endResourceRule()
                .addNewNonResourceRule().withVerbs("*").withNonResourceURLs("*").endNonResourceRule()
                .build());
        return Responses.json(HttpURLConnection.HTTP_CREATED, review);
    }

    private Optional<MockResponse> discoveryAnswer(String path) {
        if (path.startsWith("/openapi/")) {
            // Without an OpenAPI document kubectl falls back to discovery alone; the store would answer with a list.
            return Optional.of(notFound(path));
        }
        return switch (path) {
            case "/version" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.version()));
            case "/api" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.coreVersions()));
            case "/api/v1" -> Optional.of(resources("v1", path));
            case "/apis" -> Optional.of(Responses.json(HttpURLConnection.HTTP_OK, discovery.groups()));
            default -> {
                Matcher groupVersion = GROUP_VERSION_PATH.matcher(path);
                yield groupVersion.matches() ? Optional.of(resources(groupVersion.group(1), path)) : Optional.empty();
            }
        };
    }

    private MockResponse resources(String groupVersion, String path) {
        return discovery.resources(groupVersion)
                .map(list -> Responses.json(HttpURLConnection.HTTP_OK, list))
                .orElseGet(() -> notFound(path));
    }

    private static MockResponse notFound(String path) {
        return Responses.status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "the server could not find " + path);
    }

    /** fabric8 wraps a body it cannot parse as "An error has occurred."; the parser's own message says what. */
    private static String rootCauseOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    private static String pathOf(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
