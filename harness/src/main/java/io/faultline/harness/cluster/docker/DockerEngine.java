package io.faultline.harness.cluster.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.harness.spi.db.DbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine, as Testcontainers finds it ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}).
 *
 * <p>Testcontainers reads two settings from the environment only, so the launcher and the build set them, and
 * {@link #unavailable} names the one missing before Testcontainers starts waiting for an image pull that cannot end:
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} (the Ryuk reaper image cannot be pulled without a registry; Faultline
 * removes its own containers) and {@code TESTCONTAINERS_HOST_OVERRIDE=localhost} (where {@code /.dockerenv} exists,
 * Testcontainers otherwise starts an alpine container to find the host).
 */
public final class DockerEngine {
  private DockerEngine() {}

  /** Why no engine can be used from here, or empty when one answers. */
  public static Optional<String> unavailable() {
    if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      // Testcontainers would start its reaper, Ryuk, whose image needs a registry; Faultline reaps
      // its own
      return Optional.of(
          "set TESTCONTAINERS_RYUK_DISABLED=true: Faultline removes its own containers, and"
              + " Testcontainers' reaper image would have to be pulled");
    }
    if (Files.exists(Path.of("/.dockerenv"))
        && isBlank(System.getenv("TESTCONTAINERS_HOST_OVERRIDE"))) {
      // Testcontainers would start an alpine container to find the host, and wait for a pull that
      // cannot succeed
      return Optional.of(
          "set TESTCONTAINERS_HOST_OVERRIDE=localhost: /.dockerenv exists, and Testcontainers would"
              + " otherwise pull alpine to find the Docker host");
    }
    try {
      DockerClientFactory.instance().client().pingCmd().exec();
    } catch (RuntimeException e) {
      return Optional.of(
          "no Docker engine is reachable (start dockerd, or set DOCKER_HOST): " + firstLine(e));
    }
    return Optional.empty();
  }

  /**
   * The engine's client.
   *
   * @throws DbException with one line naming the cause when no engine can be used
   */
  public static DockerClient client() {
    unavailable()
        .ifPresent(
            why -> {
              throw new DbException(why);
            });
    return DockerClientFactory.instance().client();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Whether an image of this name (with any tag, when none is given) is stored in the engine. */
  public static boolean hasImage(String name) {
    try {
      return !DockerClientFactory.instance()
          .client()
          .listImagesCmd()
          .withReferenceFilter(name)
          .exec()
          .isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The first line of an exception's message (or of its cause's), for one-line errors. */
  static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t.getMessage() == null
            || t.getMessage().startsWith(t.getCause().getClass().getName()))) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    m = m.replaceFirst("^([\\w$]+\\.)+[\\w$]*(Exception|Error): ", "");
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
