package io.faultline.jmh.store;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Faultline checkout, whose {@code system-under-test/target/raft-node.jar} the benchmarks start. */
public final class Checkout {
  private Checkout() {}

  /**
   * {@code -Dfaultline.root} when set (the launcher sets it, and JMH's forks inherit it); otherwise the nearest
   * folder holding {@code system-under-test/}, walking up from this jar ({@code jmh/target/benchmarks.jar}) and
   * then from the working directory.
   */
  public static Path root() {
    String property = System.getProperty("faultline.root");
    if (property != null) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path found = null;
    try {
      found =
          walkUp(
              Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through to the working directory
    }
    if (found == null) {
      found = walkUp(Path.of("").toAbsolutePath());
    }
    if (found == null) {
      throw new IllegalStateException(
          "cannot find the Faultline checkout (a folder holding system-under-test/);"
              + " pass -Dfaultline.root=DIR");
    }
    return found;
  }

  private static Path walkUp(Path from) {
    for (Path p = from.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("system-under-test"))) {
        return p;
      }
    }
    return null;
  }
}
