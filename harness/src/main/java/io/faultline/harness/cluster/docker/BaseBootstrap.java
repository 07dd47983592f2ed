package io.faultline.harness.cluster.docker;

import io.faultline.harness.spi.db.DbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code system-under-test/docker/bootstrap-base.sh} when it can succeed here (as root, with debootstrap), so a
 * machine with a Docker engine but no registry gets its base image without a manual step. Bounded to 10 minutes.
 */
final class BaseBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(BaseBootstrap.class);

  private BaseBootstrap() {}

  /** True when the script built {@code image}; false when it cannot run here. */
  static synchronized boolean run(Path root, String image) {
    Path script = root.resolve("system-under-test/docker/bootstrap-base.sh");
    boolean root0 = "root".equals(System.getProperty("user.name"));
    if (!Files.isExecutable(script)
        || !root0
        || !Files.isExecutable(Path.of("/usr/sbin/debootstrap"))) {
      return false;
    }
    try {
      Path log = Files.createTempFile("faultline-bootstrap-base", ".log");
      LOG.warn(
          "no base image {}: building it with {} (about a minute; log {})", image, script, log);
      Process p =
          new ProcessBuilder(List.of(script.toString(), image))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new DbException(
            "building the base image with " + script + " took more than 10 minutes");
      }
      if (p.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log);
        throw new DbException(
            "cannot build the base image with "
                + script
                + ": "
                + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
      }
      return DockerEngine.hasImage(image);
    } catch (IOException e) {
      throw new DbException("cannot run " + script + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DbException("interrupted while building the base image");
    }
  }
}
