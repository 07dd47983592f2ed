package io.faultline.harness.cluster;

import io.faultline.harness.spi.Plugins;
import java.util.List;

/** The harness's own plugin: the cluster backends on the class path ({@link Backends#known()}), for {@code --cluster}. */
public final class ClusterPlugins implements Plugins {
  @Override
  public List<String> clusterBackends() {
    return Backends.known().stream().map(BackendFactory::name).toList();
  }
}
