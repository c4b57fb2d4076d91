package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this host can run tasks as local processes: Linux, the ip, nsenter and unshare commands, and the right
 * to create network namespaces (root or CAP_NET_ADMIN), tried once by creating and deleting one.
 */
final class RuntimeSupport {

    private RuntimeSupport() {
    }

    /** Empty when tasks can run here, else a one-line reason. */
    static Optional<String> unavailableReason(String probeNamespace) {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("Local tasks need Linux network namespaces; this is " + os);
        }
        for (String tool : List.of("ip", "nsenter", "unshare", "mknod")) {
            if (Commands.find(tool).isEmpty()) {
                return Optional.of("Local tasks need the " + tool + " command (iproute2, util-linux, coreutils)");
            }
        }
        String ip = Commands.find("ip").get();
        try {
            Commands.run(List.of(ip, "netns", "add", probeNamespace));
        } catch (IOException e) {
            return Optional.of("Local tasks need root or CAP_NET_ADMIN to create network namespaces: "
                    + e.getMessage());
        } finally {
            Commands.runQuietly(List.of(ip, "netns", "del", probeNamespace));
        }
        return Optional.empty();
    }
}
