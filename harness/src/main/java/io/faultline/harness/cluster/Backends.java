package io.faultline.harness.cluster;

import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** The one place where {@code --cluster} chooses the backend that runs a system's nodes. */
public final class Backends {
  private Backends() {}

  /** The backends on the class path, by name. */
  public static List<BackendFactory> known() {
    return ServiceLoader.load(BackendFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  /**
   * The backend {@code spec.cluster()} names, for {@code spec.nodes()} nodes named {@code n1..nN}; when the spec
   * names the {@code disk} fault family, with each node's data on a lazy file system ({@link LazyDiskBackend}).
   *
   * @see BackendFactory#create
   * @throws IllegalArgumentException for a backend this build does not have
   */
  public static Backend of(
      TestSpec spec, Path runDir, Path root, Map<String, Integer> ports, Supplier<String> image) {
    List<BackendFactory> known = known();
    boolean lazy = spec.nemesis().contains(LazyDiskBackend.FAMILY);
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
    return lazy ? new LazyDiskBackend(backend, root, namesDurable) : backend;
  }
}
