package dev.ecsapp.sandbox.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a root filesystem resolved the way the kernel does after a chroot: an absolute symbolic link starts
 * again at the root and {@code ..} never climbs above it. Layers are unpacked as root, so a link such as
 * {@code etc -> /etc} followed on the host would let an image write into the host's own /etc.
 */
final class PathsInRoot {

    /** Linux's own limit on links followed in one lookup. */
    private static final int MAX_LINKS = 40;

    private PathsInRoot() {
    }

    /** The components of a path inside an image, without empty ones and {@code .}. */
    static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** {@code path} inside {@code root}, every symbolic link on the way (and the last one too) followed inside it. */
    static Path resolve(Path root, List<String> path) throws IOException {
        Deque<String> pending = new ArrayDeque<>(path);
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(part);
            Path current = join(root, resolved);
            if (Files.isSymbolicLink(current)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("Too many symbolic links in " + String.join("/", path));
                }
                String target = Files.readSymbolicLink(current).toString();
                resolved.remove(resolved.size() - 1);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = components(target);
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            }
        }
        return join(root, resolved);
    }

    private static Path join(Path root, List<String> parts) {
        Path path = root;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    /** Deletes a file, a link (never what it points to) or a directory with everything in it. */
    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(path)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
