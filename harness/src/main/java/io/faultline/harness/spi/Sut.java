package io.faultline.harness.spi;

import io.faultline.harness.spi.db.Db;
import java.nio.file.Path;
import java.util.Set;

/** An adapter for one system under test: how to run its cluster, and its clients for each workload it supports. */
public interface Sut {

  /** The name users select it by, e.g. {@code raft}. */
  String name();

  /** The workloads this adapter has clients for. */
  Set<String> workloads();

  /** The cluster backends ({@code --cluster}) this adapter can run its cluster on. */
  default Set<String> clusters() {
    return Set.of("process");
  }

  /**
   * Refuses a spec whose options this adapter does not know, before anything starts.
   *
   * @throws IllegalArgumentException with a one-line message naming the option
   */
  default void check(TestSpec spec) {}

  /**
   * A cluster for {@code spec}, not yet started, with its nodes' files under {@code runDir/nodes/}.
   *
   * @param runDir the run's folder
   * @param root the Faultline checkout, where the system's binaries are built
   * @throws IllegalArgumentException with a one-line message for options the adapter does not know
   */
  Db db(TestSpec spec, Path runDir, Path root);

  /** The client template of {@code workload} for a cluster made by {@link #db}. */
  Client client(String workload, Db db, TestSpec spec);
}
