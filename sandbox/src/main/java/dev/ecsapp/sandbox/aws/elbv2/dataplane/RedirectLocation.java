package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * The Location of a redirect action: its protocol, host, port, path and query, each of which may reuse the
 * request's parts through #{protocol}, #{host}, #{port}, #{path} and #{query} (ALB guide, "Redirect actions").
 * #{port} is the listener's AWS port, as on AWS, not the local port the sandbox serves it on; #{path} is the
 * request's path without its leading slash, which is why the default path is "/#{path}".
 */
final class RedirectLocation {

    private RedirectLocation() {
    }

    static String of(RedirectActionConfig config, IncomingRequest request, String listenerProtocol,
            int listenerPort) {
        String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
        String protocol = fill(config.protocol(), request, listenerProtocol, listenerPort, path);
        String host = fill(config.host(), request, listenerProtocol, listenerPort, path);
        String port = fill(config.port(), request, listenerProtocol, listenerPort, path);
        String location = fill(config.path(), request, listenerProtocol, listenerPort, path);
        String query = fill(config.query(), request, listenerProtocol, listenerPort, path);
        String scheme = protocol.toLowerCase();
        boolean defaultPort = scheme.equals("http") && port.equals("80") || scheme.equals("https")
                && port.equals("443");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + location
                + (query.isEmpty() ? "" : "?" + query);
    }

    private static String fill(String template, IncomingRequest request, String protocol, int port, String path) {
        return template.replace("#{protocol}", protocol).replace("#{host}", request.host())
                .replace("#{port}", String.valueOf(port)).replace("#{path}", path)
                .replace("#{query}", request.query());
    }
}
