package dev.ecsapp.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the checked-in files these tests read; Maven runs them with deploy/ as the working directory. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository's root: the first parent of the working directory that holds the Maven wrapper. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static Path deploy() {
    return root().resolve("deploy");
  }
}
