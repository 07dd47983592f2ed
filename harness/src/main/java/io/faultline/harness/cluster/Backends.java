package io.faultline.harness.cluster;

import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where {@code --cluster} chooses the backend that runs a system's nodes. */
public final class Backends {
  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

  private Backends() {}

  /** The backends on the class path, by name. */
  public static List<BackendFactory> known() {
    return ServiceLoader.load(BackendFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  /**
   * The backend {@code spec.cluster()} names, for {@code spec.nodes()} nodes named {@code n1..nN}; when the spec
   * names the {@code disk} fault family, with each node's data on a lazy file system ({@link LazyDiskBackend}); with
   * {@value TestSpec#ALL_FAULTS}, likewise where this machine allows it (root, FUSE, a local data directory), else
   * without, and a line in the log says why.
   *
   * @see BackendFactory#create
   * @throws IllegalArgumentException for a backend this build does not have
   */
  public static Backend of(
      TestSpec spec, Path runDir, Path root, Map<String, Integer> ports, Supplier<String> image) {
    List<BackendFactory> known = known();
    boolean named = spec.nemesis().contains(LazyDiskBackend.FAMILY);
    boolean lazy = named || spec.nemesis().contains(TestSpec.ALL_FAULTS);
    boolean namesDurable = lazy && LazyDiskBackend.namesDurable(spec);
    Backend backend =
        known.stream()
            .filter(f -> f.name().equals(spec.cluster()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown --cluster '"
                            + spec.cluster()
                            + "'; backends: "
                            + String.join(", ", known.stream().map(BackendFactory::name).toList())))
            .create(spec, Backend.names(spec.nodes()), ports, runDir, root, image);
    if (!lazy) {
      return backend;
    }
    LazyDiskBackend disks = new LazyDiskBackend(backend, root, namesDurable);
    if (named || disks.diskFaultsRefused().isEmpty()) {
      return disks;
    }
    LOG.info("--nemesis all: no disk faults: {}", disks.diskFaultsRefused().get());
    return backend;
  }
}
