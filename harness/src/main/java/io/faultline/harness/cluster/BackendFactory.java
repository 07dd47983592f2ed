package io.faultline.harness.cluster;

import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cluster backend, as {@code --cluster} names it, found through {@link java.util.ServiceLoader}: a new backend is
 * a package of its own with a line in {@code META-INF/services/io.faultline.harness.cluster.BackendFactory}.
 */
public interface BackendFactory {

  /** Its name in {@code --cluster}, e.g. {@code process}. */
  String name();

  /**
   * A backend for these nodes, with nothing started yet.
   *
   * @param spec the test (a backend reads its {@link TestSpec#clusterOptions()} and, to check its hosts before
   *     anything starts, the faults it will inject)
   * @param nodes the node names, in order
   * @param ports each port a node listens on, by name, with its number where the backend uses fixed numbers
   * @param runDir the run folder; each node's folder is {@code nodes/<node>/}
   * @param root the Faultline checkout (images are built from it)
   * @param image the system's node image, for backends that run images; built on first need
   */
  Backend create(
      TestSpec spec,
      List<String> nodes,
      Map<String, Integer> ports,
      Path runDir,
      Path root,
      Supplier<String> image);
}
