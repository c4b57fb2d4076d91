package dev.ecsapp.demo;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a person reaches an app on this machine: its status URL ({@code http://<alb dns>/hello/}, or
 * {@code http://shop.example.com/} for a host rule) turned into the sandbox's load balancer listener on loopback,
 * with the Host header to send when the rule matches a host name, as a {@code curl} command.
 */
final class LocalUrl {

    private LocalUrl() {
    }

    /**
     * @param statusUrl    the EcsApp's status.url
     * @param listenerUrls the data plane's listeners: load balancer DNS name, then listener port, to a local URL
     * @param defaultDns   the DNS name of the load balancer an app with a host rule is behind
     */
    static Optional<String> curl(String statusUrl, Map<String, Map<Integer, String>> listenerUrls, String defaultDns) {
        if (statusUrl == null || statusUrl.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(statusUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        boolean byDns = listenerUrls.containsKey(uri.getHost());
        Map<Integer, String> ports = listenerUrls.get(byDns ? uri.getHost() : defaultDns);
        String local = ports == null ? null : ports.getOrDefault(port, ports.get(80));
        if (local == null) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of("curl " + (byDns ? "" : "-H 'Host: " + uri.getHost() + "' ") + local + path);
    }
}
