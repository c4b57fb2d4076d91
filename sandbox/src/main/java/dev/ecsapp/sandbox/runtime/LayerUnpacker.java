package dev.ecsapp.sandbox.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one image layer (a tar, gzip'd or not) on top of a root filesystem, with the OCI whiteouts: a
 * {@code .wh.NAME} entry deletes NAME of the layers below, a {@code .wh..wh..opq} entry empties its directory of them.
 *
 * <p>Modes (the permission bits; setuid, setgid and sticky are not kept, java.nio cannot set them), owners,
 * modification times, symbolic and hard links are kept. Device nodes and FIFOs are skipped: the runtime makes the
 * few devices a process needs itself.
 */
final class LayerUnpacker {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Path root;
    /** Paths this layer wrote: an opaque whiteout empties its directory of the lower layers' files only. */
    private final Set<Path> written = new HashSet<>();

    private LayerUnpacker(Path root) {
        this.root = root;
    }

    /** Unpacks {@code layer} into {@code root}; the media type is not trusted, gzip is told by its magic bytes. */
    static void unpack(InputStream layer, Path root) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(layer, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream tar = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
        try (TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            LayerUnpacker unpacker = new LayerUnpacker(root);
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                unpacker.apply(entry, entries);
            }
        }
    }

    private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> parts = PathsInRoot.components(entry.getName());
        if (parts.isEmpty()) {
            return;
        }
        String name = parts.get(parts.size() - 1);
        if (name.equals("..")) {
            return;
        }
        Path parent = PathsInRoot.resolve(root, parts.subList(0, parts.size() - 1));
        if (name.equals(OPAQUE)) {
            emptyOfLowerLayers(parent);
            return;
        }
        if (name.startsWith(WHITEOUT)) {
            PathsInRoot.deleteTree(parent.resolve(name.substring(WHITEOUT.length())));
            return;
        }
        Files.createDirectories(parent);
        Path path = parent.resolve(name);
        boolean existingDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (!(entry.isDirectory() && existingDirectory) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            PathsInRoot.deleteTree(path);
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            // A hard link shares its target's inode: its own header's mode and owner are not applied, as tar does.
            Files.createLink(path, linkTarget(entry.getLinkName()));
            written.add(path);
            return;
        } else if (entry.isFile()) {
            Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
        } else {
            return;
        }
        written.add(path);
        keepAttributes(entry, path);
    }

    /** A hard link's target: its directories resolved in the root, itself not followed (it may be a link). */
    private Path linkTarget(String name) throws IOException {
        List<String> parts = PathsInRoot.components(name);
        if (parts.isEmpty()) {
            throw new IOException("Hard link to nothing: " + name);
        }
        return PathsInRoot.resolve(root, parts.subList(0, parts.size() - 1)).resolve(parts.get(parts.size() - 1));
    }

    private void emptyOfLowerLayers(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!written.contains(child)) {
                    PathsInRoot.deleteTree(child);
                }
            }
        }
    }

    private static void keepAttributes(TarArchiveEntry entry, Path path) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException notOwner) {
            // Not root, or no unix view: the files stay the sandbox's own, which a chroot'd process as root can use.
        }
        if (entry.isSymbolicLink()) {
            return;
        }
        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        Files.setLastModifiedTime(path, FileTime.from(entry.getLastModifiedDate().toInstant()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
