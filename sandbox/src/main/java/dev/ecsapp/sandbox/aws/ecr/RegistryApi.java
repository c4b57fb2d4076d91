package dev.ecsapp.sandbox.aws.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECR's registry API on the sandbox's AWS port, under {@code /v2/}: the OCI distribution API (Docker Registry HTTP
 * API v2) that docker, Jib, crane and the ECS agent speak. Blobs (HEAD, GET, monolithic, chunked and single-shot
 * uploads, cross-repository mounts), manifests by tag or digest (PUT, GET, HEAD, DELETE), tag lists. Every request
 * carries Basic credentials {@code AWS:<password>} from GetAuthorizationToken; repositories are ECR's (a push never
 * creates one) and a pushed manifest is an image ECR's API describes.
 *
 * <p>Metadata is read and changed under the sandbox's lock; blob bytes stream to and from disk outside it.
 */
public final class RegistryApi {

    public static final String PREFIX = "/v2/";
    private static final Logger LOG = Logger.getLogger(RegistryApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** name, then blobs/uploads/[id], blobs/digest, manifests/ref or tags/list. Names may hold slashes. */
    private static final Pattern UPLOADS = Pattern.compile("^/v2/(.+)/blobs/uploads/?([^/]*)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/(sha256:[0-9a-f]{64})$");
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");

    private final Object lock;
    private final EcrApi ecr;

    public RegistryApi(Object lock, EcrApi ecr) {
        this.lock = lock;
        this.ecr = ecr;
    }

    /** Answers one request under {@code /v2/}. */
    public void serve(HttpExchange exchange) {
        try (exchange) {
            try {
                if (!authorized(exchange)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"https://"
                            + ecr.registryHost() + "/\",service=\"ecr.amazonaws.com\"");
                    throw new RegistryError(401, "DENIED", "Not Authorized");
                }
                route(exchange);
            } catch (RegistryError e) {
                error(exchange, e.status, e.code, e.getMessage());
            } catch (AwsException e) {
                error(exchange, 400, "MANIFEST_INVALID", e.getMessage());
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "registry client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "registry request failed", e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher m;
        if (path.equals("/v2/") || path.equals("/v2")) {
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } else if ((m = UPLOADS.matcher(path)).matches()) {
            String name = m.group(1);
            String id = m.group(2);
            if (id.isEmpty() && method.equals("POST")) {
                startUpload(exchange, name, query);
            } else if (!id.isEmpty()) {
                upload(exchange, method, name, id, query);
            } else {
                throw unsupported();
            }
        } else if ((m = BLOB.matcher(path)).matches()) {
            blob(exchange, method, m.group(1), m.group(2));
        } else if ((m = MANIFEST.matcher(path)).matches()) {
            manifest(exchange, method, m.group(1), m.group(2));
        } else if ((m = TAGS.matcher(path)).matches() && method.equals("GET")) {
            tags(exchange, m.group(1));
        } else {
            throw new RegistryError(404, "NOT_FOUND", "Not found: " + method + " " + path);
        }
    }

    private void startUpload(HttpExchange exchange, String name, Map<String, String> query) throws IOException {
        repository(name);
        BlobStore blobs = ecr.blobs();
        String mount = query.get("mount");
        if (mount != null && blobs.has(mount)) {
            // One blob store for the registry: a mount from any repository is the blob already there.
            exchange.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + mount);
            exchange.getResponseHeaders().add("Docker-Content-Digest", mount);
            send(exchange, 201, null, new byte[0]);
            return;
        }
        String id = blobs.startUpload();
        String digest = query.get("digest");
        if (digest != null) {
            // Single-shot: POST with ?digest= and the whole blob as the body.
            blobs.append(id, exchange.getRequestBody());
            finishUpload(exchange, name, id, digest);
            return;
        }
        exchange.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/uploads/" + id);
        exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
        exchange.getResponseHeaders().add("Range", "0-0");
        send(exchange, 202, null, new byte[0]);
    }

    private void upload(HttpExchange exchange, String method, String name, String id, Map<String, String> query)
            throws IOException {
        repository(name);
        BlobStore blobs = ecr.blobs();
        if (!blobs.uploading(id)) {
            throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        switch (method) {
            case "PATCH" -> {
                String range = exchange.getRequestHeaders().getFirst("Content-Range");
                if (range != null && range.matches("\\d+-\\d+")
                        && Long.parseLong(range.substring(0, range.indexOf('-'))) != blobs.uploaded(id)) {
                    throw new RegistryError(416, "BLOB_UPLOAD_INVALID", "Content-Range " + range
                            + " does not continue the upload at " + blobs.uploaded(id));
                }
                long size = blobs.append(id, exchange.getRequestBody());
                exchange.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/uploads/" + id);
                exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
                exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, size - 1));
                send(exchange, 202, null, new byte[0]);
            }
            case "PUT" -> {
                String digest = query.get("digest");
                if (digest == null) {
                    throw new RegistryError(400, "DIGEST_INVALID", "digest missing from the upload's PUT");
                }
                blobs.append(id, exchange.getRequestBody());
                finishUpload(exchange, name, id, digest);
            }
            case "GET" -> {
                exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
                exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, blobs.uploaded(id) - 1));
                send(exchange, 204, null, null);
            }
            case "DELETE" -> {
                blobs.cancel(id);
                send(exchange, 204, null, null);
            }
            default -> throw unsupported();
        }
    }

    private void finishUpload(HttpExchange exchange, String name, String id, String digest) throws IOException {
        if (!BlobStore.isDigest(digest) || ecr.blobs().finish(id, digest).isEmpty()) {
            throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        exchange.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + digest);
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        send(exchange, 201, null, new byte[0]);
    }

    private void blob(HttpExchange exchange, String method, String name, String digest) throws IOException {
        repository(name);
        BlobStore blobs = ecr.blobs();
        Optional<Long> size = blobs.size(digest);
        if (size.isEmpty()) {
            throw new RegistryError(404, "BLOB_UNKNOWN", "blob unknown to registry");
        }
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        if (method.equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", Long.toString(size.get()));
            exchange.sendResponseHeaders(200, -1);
        } else if (method.equals("GET")) {
            exchange.sendResponseHeaders(200, size.get());
            try (InputStream in = blobs.open(digest); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } else {
            throw unsupported();
        }
    }

    private void manifest(HttpExchange exchange, String method, String name, String reference) throws IOException {
        switch (method) {
            case "PUT" -> {
                String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                String digest;
                synchronized (lock) {
                    digest = ecr.pushManifest(repository(name), reference, text, contentType);
                }
                exchange.getResponseHeaders().add("Location", "/v2/" + name + "/manifests/" + digest);
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
                send(exchange, 201, null, new byte[0]);
            }
            case "GET", "HEAD" -> {
                StoredImage image;
                synchronized (lock) {
                    StoredRepository repository = repository(name);
                    image = ecr.image(repository, reference).filter(i -> !repository.corrupt(i))
                            .orElseThrow(() -> new RegistryError(404, "MANIFEST_UNKNOWN", "Requested image not "
                                    + "found"));
                }
                byte[] body = image.manifest.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Docker-Content-Digest", image.digest);
                exchange.getResponseHeaders().add("Content-Type", image.mediaType);
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    send(exchange, 200, null, body);
                }
            }
            case "DELETE" -> {
                synchronized (lock) {
                    if (!reference.startsWith("sha256:")) {
                        throw new RegistryError(400, "UNSUPPORTED", "delete a manifest by its digest");
                    }
                    if (!ecr.deleteManifest(repository(name), reference)) {
                        throw new RegistryError(404, "MANIFEST_UNKNOWN", "Requested image not found");
                    }
                }
                send(exchange, 202, null, new byte[0]);
            }
            default -> throw unsupported();
        }
    }

    private void tags(HttpExchange exchange, String name) throws IOException {
        ObjectNode answer = JSON.createObjectNode().put("name", name);
        var list = answer.putArray("tags");
        synchronized (lock) {
            repository(name).images.forEach(image -> image.tags.forEach(list::add));
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    private StoredRepository repository(String name) {
        synchronized (lock) {
            return ecr.repositoryNamed(name).orElseThrow(() -> new RegistryError(404, "NAME_UNKNOWN",
                    "The repository with name '" + name + "' does not exist in the registry with id '"
                            + ecr.registryHost().substring(0, ecr.registryHost().indexOf('.')) + "'"));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        synchronized (lock) {
            return ecr.authorized(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
    }

    private static RegistryError unsupported() {
        return new RegistryError(405, "UNSUPPORTED", "The operation is unsupported.");
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** A null or empty body: none sent. */
    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            // A HEAD answer carries no body (Jib's existence checks of blobs get 404s here); the JDK's server logs a
            // warning for each one given a length.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
