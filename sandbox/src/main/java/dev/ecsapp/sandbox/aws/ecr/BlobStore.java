package dev.ecsapp.sandbox.aws.ecr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The registry's blobs (layers and image configs) on disk, in a directory of the sandbox's own that goes with it,
 * named by digest and shared by every repository, as ECR stores a layer once per registry. Uploads in progress are
 * files of their own until their digest is checked. Thread-safe: files appear under their digest by an atomic move.
 */
final class BlobStore implements AutoCloseable {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path root;

    BlobStore() {
        try {
            root = Files.createTempDirectory("ecsapp-registry-");
            Files.createDirectories(root.resolve("blobs"));
            Files.createDirectories(root.resolve("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the registry's directory", e);
        }
    }

    static boolean isDigest(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    boolean has(String digest) {
        return isDigest(digest) && Files.isRegularFile(blob(digest));
    }

    Optional<Long> size(String digest) {
        try {
            return has(digest) ? Optional.of(Files.size(blob(digest))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    InputStream open(String digest) throws IOException {
        return Files.newInputStream(blob(digest));
    }

    byte[] read(String digest) throws IOException {
        return Files.readAllBytes(blob(digest));
    }

    /** Deletes a blob no image uses any more. */
    void delete(String digest) throws IOException {
        Files.deleteIfExists(blob(digest));
    }

    /** A new upload's id. */
    String startUpload() throws IOException {
        String id = UUID.randomUUID().toString();
        Files.createFile(upload(id));
        return id;
    }

    boolean uploading(String id) {
        return id != null && UPLOAD_ID.matcher(id).matches() && Files.isRegularFile(upload(id));
    }

    /** How many bytes an upload has so far. */
    long uploaded(String id) throws IOException {
        return Files.size(upload(id));
    }

    /** Appends a chunk to an upload; returns the upload's size after it. */
    long append(String id, InputStream chunk) throws IOException {
        try (OutputStream out = Files.newOutputStream(upload(id), StandardOpenOption.APPEND)) {
            chunk.transferTo(out);
        }
        return uploaded(id);
    }

    /**
     * Ends an upload: its bytes must hash to {@code digest}; then they are the blob of that digest. Empty when they
     * do not (the upload is gone either way).
     */
    Optional<String> finish(String id, String digest) throws IOException {
        Path file = upload(id);
        try {
            String actual = digestOf(file);
            if (!actual.equals(digest)) {
                return Optional.empty();
            }
            Files.move(file, blob(digest), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(digest);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    void cancel(String id) throws IOException {
        Files.deleteIfExists(upload(id));
    }

    /** Stores bytes given whole (a config written by the sandbox itself); returns their digest. */
    String put(byte[] bytes) throws IOException {
        String id = startUpload();
        Files.write(upload(id), bytes);
        String digest = digestOf(upload(id));
        return finish(id, digest).orElseThrow();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }

    private Path blob(String digest) {
        return root.resolve("blobs").resolve(digest.substring("sha256:".length()));
    }

    private Path upload(String id) {
        return root.resolve("uploads").resolve(id);
    }

    private static String digestOf(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
