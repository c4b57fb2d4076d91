package dev.ecsapp.sandbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.sandbox.aws.LocalImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFilesystemsTest {

    @Test
    void layersAreUnpackedBottomFirstWithWhiteoutsModesAndLinks() throws Exception {
        TestImages images = new TestImages();
        LocalImages.Image image = images.resolve(TestImages.IMAGE).orElseThrow();
        Path base;
        try (RootFilesystems filesystems = new RootFilesystems()) {
            base = filesystems.base();
            Path root = filesystems.rootOf(image);

            assertThat(root.resolve("bin/sh")).isExecutable();
            assertThat(root.resolve("etc/kept")).hasContent("kept");
            assertThat(root.resolve("etc/doomed")).doesNotExist();
            assertThat(root.resolve("etc/version")).hasContent("2");
            assertThat(root.resolve("var/cache/new")).hasContent("new");
            assertThat(root.resolve("var/cache/old-1")).doesNotExist();
            assertThat(root.resolve("var/cache/old-2")).doesNotExist();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app/run.sh"))))
                    .isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app/secret.txt"))))
                    .isEqualTo("rw-------");
            assertThat(Files.readSymbolicLink(root.resolve("app/link-to-script"))).isEqualTo(Path.of("run.sh"));
            assertThat(Files.isSameFile(root.resolve("app/hard-link-to-script"), root.resolve("app/run.sh")))
                    .isTrue();
            assertThat(Files.getAttribute(root.resolve("app/hard-link-to-script"), "unix:nlink")).isEqualTo(2);
            assertThat(root.resolve("proc")).isDirectory();

            assertThat(filesystems.rootOf(image)).as("cached per digest").isEqualTo(root);
        }
        assertThat(base).as("deleted on close").doesNotExist();
    }

    @Test
    void absoluteLinksAndDotDotStayInsideTheRoot(@TempDir Path temp) throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path root = Files.createDirectories(temp.resolve("root"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TestImages.symlink(tar, "escape", outside.toString());
            TestImages.file(tar, "escape/planted", "x".getBytes(StandardCharsets.UTF_8), 0644);
            TestImages.file(tar, "../../dotdot", "y".getBytes(StandardCharsets.UTF_8), 0644);
        }

        LayerUnpacker.unpack(new ByteArrayInputStream(bytes.toByteArray()), root);

        assertThat(outside.resolve("planted")).doesNotExist();
        assertThat(root.resolve(outside.toString().substring(1)).resolve("planted")).hasContent("x");
        assertThat(root.resolve("dotdot")).hasContent("y");
        assertThat(temp.resolve("dotdot")).doesNotExist();
        assertThat(Files.isSymbolicLink(root.resolve("escape"))).isTrue();
        assertThat(Files.exists(root.resolve("escape"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
