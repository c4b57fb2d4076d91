package dev.ecsapp.deploy.rbac;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request to the Kubernetes API as the RBAC authorizer sees it: a verb on a resource (or a non-resource path).
 * Built from the method and URL the same way the API server derives its request attributes.
 *
 * @param verb         get, list, watch, create, update, patch, delete or deletecollection
 * @param apiGroup     "" for the core group
 * @param resource     with its subresource after a slash, as RBAC rules name it: {@code ecsapps/status}
 * @param namespace    null for a cluster-scoped request (or one across all namespaces)
 * @param name         null for a request on a collection
 * @param nonResourcePath the path when the request is not for a resource (discovery, /version); else null
 */
public record ApiRequest(String verb, String apiGroup, String resource, String namespace, String name,
        String nonResourcePath) {

    private static final Pattern WATCH = Pattern.compile("(^|&)watch=(true|1)(&|$)");
    /** Subresources of a namespace object itself; any other third segment starts a namespaced resource path. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public static ApiRequest of(String method, URI uri) {
        String path = uri.getPath();
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String verb = verbOf(method);
        List<String> rest;
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return new ApiRequest(verb, null, null, null, null, path);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 2) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : null;
        if (rest.size() >= 3) {
            resource = resource + "/" + rest.get(2);
        }
        if (name == null) {
            if (verb.equals("get")) {
                verb = uri.getRawQuery() != null && WATCH.matcher(uri.getRawQuery()).find() ? "watch" : "list";
            } else if (verb.equals("delete")) {
                verb = "deletecollection";
            }
        }
        return new ApiRequest(verb, group, resource, namespace, name, null);
    }

    private static String verbOf(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> throw new IllegalArgumentException("no RBAC verb for HTTP method " + method);
        };
    }

    public boolean isResourceRequest() {
        return nonResourcePath == null;
    }

    /** Whether this is the verb on the resource ({@code ""} for the core group). */
    public boolean is(String verb, String apiGroup, String resource) {
        return isResourceRequest() && this.verb.equals(verb) && this.apiGroup.equals(apiGroup)
                && this.resource.equals(resource);
    }

    @Override
    public String toString() {
        return isResourceRequest() ? verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                + (namespace == null ? "" : " in " + namespace) + (name == null ? "" : " named " + name)
                : verb + " " + nonResourcePath;
    }
}
