package dev.ecsapp.sandbox.kubernetes;

import dev.ecsapp.sandbox.kubernetes.server.ApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory Kubernetes API server that kubectl and the operator can both talk to: fabric8's CRUD mock (the
 * default), or the sandbox's own server ({@link ApiServer}).
 */
public final class KubernetesApi implements AutoCloseable {

    /** Which server answers: fabric8's CRUD mock, or the sandbox's own. */
    public enum Server {
        MOCK, OWN;

        /** {@code mock} or {@code own}, as the {@code --kubernetes} flag spells them. */
        public static Server named(String name) {
            return switch (name) {
                case "mock" -> MOCK;
                case "own" -> OWN;
                default -> throw new IllegalArgumentException("'" + name + "' is not mock or own");
            };
        }
    }

    private final AutoCloseable server;
    private final URI url;
    private final KubernetesClient client;

    private KubernetesApi(AutoCloseable server, URI url) {
        this.server = server;
        this.url = url;
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig())).build();
    }

    /** Starts the chosen server on {@code host}; port 0 picks a free port. */
    public static KubernetesApi start(String host, int port, Server which) {
        if (which == Server.MOCK) {
            return start(host, port);
        }
        ApiServer own = ApiServer.start(host, port);
        return new KubernetesApi(own, own.url());
    }

    /** Starts fabric8's CRUD mock on {@code host}; port 0 picks a free port. */
    public static KubernetesApi start(String host, int port) {
        InetAddress address = address(host);
        KubernetesStore store = new KubernetesStore();
        ApiServerDispatcher dispatcher =
                new ApiServerDispatcher(store, new Discovery(new StoredCustomResourceTypes(store)));
        MockWebServer listener = new MockWebServer();
        // One INFO line per request floods the output when an operator runs against it. Set after the class holds
        // its logger: LogManager keeps loggers only weakly, and the level would go with a collected one.
        Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), listener, new HashMap<>(), dispatcher, false);
        try {
            server.start(address, port);
        } catch (RuntimeException e) {
            // The mock has its own Vert.x instance, whose threads would keep the JVM alive.
            server.destroy();
            throw new IllegalStateException("the Kubernetes API cannot listen on " + host + ":" + port, e);
        }
        KubernetesApi api = new KubernetesApi(server::destroy, httpUrl(host, server.getPort()));
        try {
            api.createDefaultNamespace();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }

    public URI url() {
        return url;
    }

    /** A client of this server, for the sandbox's own use and for tests; closed with the server. */
    public KubernetesClient client() {
        return client;
    }

    /** Writes a kubeconfig whose current context is this server; both kubectl and fabric8 read it. */
    public Path writeKubeconfig(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.writeString(file, kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("the Kubernetes API did not stop", e);
        }
    }

    private String kubeconfig() {
        return Kubeconfig.forServer(url);
    }

    /** A real cluster always has it, and kubectl's context points at it. */
    private void createDefaultNamespace() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
                .create();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    private static URI httpUrl(String host, int port) {
        try {
            // This constructor puts an IPv6 literal in brackets.
            return new URI("http", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URL for host " + host, e);
        }
    }
}
