package dev.ecsapp.sandbox.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsapp.sandbox.aws.LocalImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny image built on the fly from the host's own programs: a gzip'd base layer with /bin/sh, sleep and cat and
 * the shared libraries ldd lists for them, a script, a symbolic and a hard link; and a plain tar layer on top that
 * whites out one file of the base, makes one directory opaque and replaces one file.
 */
public final class TestImages implements LocalImages {

    public static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tiny:latest";
    static final String SCRIPT = """
            echo "IMAGE_VAR=$IMAGE_VAR"
            echo "TASK_VAR=$TASK_VAR"
            echo "SECRET=$SECRET"
            echo "OVERRIDDEN=$OVERRIDDEN"
            echo "pwd=$(pwd)"
            echo "pid=$$"
            echo "args=$*"
            if test -e /etc/doomed; then echo doomed-visible; else echo doomed-gone; fi
            if test -e /work; then echo host-visible; else echo chrooted; fi
            cat /proc/net/fib_trie
            echo "to stderr" >&2
            exit 3
            """;

    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Image> images = new HashMap<>();

    public TestImages() throws IOException {
        JsonNode config = JSON.readTree("""
                {"architecture": "amd64", "os": "linux", "config": {
                  "Entrypoint": ["/bin/sh", "/app/run.sh"], "Cmd": ["from-cmd"],
                  "Env": ["PATH=/bin", "IMAGE_VAR=from-image", "OVERRIDDEN=image"], "WorkingDir": "/app"}}
                """);
        images.put(IMAGE, new Image("sha256:" + "ab".repeat(32), config, List.of(layer("base", gzip(baseLayer())),
                layer("top", topLayer()))));
    }

    @Override
    public Optional<Image> resolve(String image) {
        return Optional.ofNullable(images.get(image));
    }

    private static Layer layer(String name, byte[] bytes) {
        return new Layer() {
            @Override
            public String digest() {
                return "sha256:" + name;
            }

            @Override
            public String mediaType() {
                return "application/vnd.oci.image.layer.v1.tar";
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    static byte[] baseLayer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> libraries = new LinkedHashSet<>();
            for (String program : List.of("/bin/sh", "/bin/sleep", "/bin/cat")) {
                file(tar, "bin/" + Path.of(program).getFileName(), Files.readAllBytes(Path.of(program)), 0755);
                libraries.addAll(librariesOf(program));
            }
            for (String library : libraries) {
                file(tar, library.substring(1), Files.readAllBytes(Path.of(library)), 0755);
            }
            directory(tar, "app/");
            file(tar, "app/run.sh", SCRIPT.getBytes(StandardCharsets.UTF_8), 0755);
            file(tar, "app/secret.txt", "only the owner reads this".getBytes(StandardCharsets.UTF_8), 0600);
            symlink(tar, "app/link-to-script", "run.sh");
            hardlink(tar, "app/hard-link-to-script", "app/run.sh");
            file(tar, "etc/doomed", "deleted by the layer above".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/kept", "kept".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "var/cache/old-1", "old".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "var/cache/old-2", "old".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/version", "1".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    static byte[] topLayer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "var/cache/new", "new".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "var/cache/.wh..wh..opq", new byte[0], 0644);
            file(tar, "etc/.wh.doomed", new byte[0], 0644);
            file(tar, "etc/version", "2".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    /** The absolute paths in ldd's answer for a program. */
    private static List<String> librariesOf(String program) throws IOException {
        Process ldd = new ProcessBuilder("ldd", program).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            ldd.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher matcher = LIBRARY.matcher(output);
        List<String> paths = new java.util.ArrayList<>();
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }

    static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static void hardlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static byte[] gzip(byte[] tar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(tar);
        }
        return bytes.toByteArray();
    }
}
