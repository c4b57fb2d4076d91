package dev.ecsapp.sandbox.runtime;

import dev.ecsapp.sandbox.aws.LocalImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images unpacked into directories a task is chroot'd into, one per image digest under a temporary directory of
 * this runtime's own, deleted on close. Tasks of one image share its directory: there is no copy-on-write layer, a
 * file one task writes the others see (as tasks of a service usually write only /tmp, that is tolerated).
 */
public final class RootFilesystems implements AutoCloseable {

    /** Character devices most programs open: name, major, minor. */
    private static final List<String[]> DEVICES = List.of(new String[] {"null", "1", "3"},
            new String[] {"zero", "1", "5"}, new String[] {"random", "1", "8"}, new String[] {"urandom", "1", "9"});

    private final Path base;
    private final Map<String, Path> byDigest = new HashMap<>();

    public RootFilesystems() throws IOException {
        this.base = Files.createTempDirectory("ecsapp-rootfs-");
    }

    /** The image's root filesystem, unpacked on first use (layers bottom first, whiteouts applied). */
    public synchronized Path rootOf(LocalImages.Image image) throws IOException {
        Path existing = byDigest.get(image.digest());
        if (existing != null) {
            return existing;
        }
        String name = image.digest().replaceAll("[^A-Za-z0-9._-]", "_");
        Path partial = base.resolve(name + ".partial");
        PathsInRoot.deleteTree(partial);
        Files.createDirectories(partial);
        for (LocalImages.Layer layer : image.layers()) {
            try (InputStream in = layer.open()) {
                LayerUnpacker.unpack(in, partial);
            } catch (IOException e) {
                throw new IOException("Layer " + layer.digest() + " of " + image.digest() + ": " + e.getMessage(), e);
            }
        }
        prepareMountPoints(partial);
        Path root = base.resolve(name);
        Files.move(partial, root, StandardCopyOption.ATOMIC_MOVE);
        byDigest.put(image.digest(), root);
        return root;
    }

    /** /proc for the task's own proc mount, /tmp, and /dev with the devices above (images rarely carry them). */
    private static void prepareMountPoints(Path root) throws IOException {
        for (String dir : List.of("proc", "tmp", "dev")) {
            Path path = PathsInRoot.resolve(root, List.of(dir));
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(path);
            }
        }
        Optional<String> mknod = Commands.find("mknod");
        Path dev = PathsInRoot.resolve(root, List.of("dev"));
        for (String[] device : DEVICES) {
            Path node = dev.resolve(device[0]);
            if (mknod.isPresent() && !Files.exists(node, LinkOption.NOFOLLOW_LINKS)) {
                Commands.runQuietly(List.of(mknod.get(), "-m", "666", node.toString(), "c", device[1], device[2]));
            }
        }
    }

    /** Where the root filesystems live (tests look at it). */
    public Path base() {
        return base;
    }

    @Override
    public synchronized void close() {
        byDigest.clear();
        try {
            PathsInRoot.deleteTree(base);
        } catch (IOException e) {
            // A temporary directory the OS cleans eventually; nothing the sandbox's user can do about it now.
        }
    }
}
