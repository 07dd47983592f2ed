package io.faultline.workloads.nats;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.Backends;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Sut;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import java.nio.file.Path;
import java.util.Set;

/**
 * NATS JetStream as a system under test, for the queue workload ({@link NatsQueueClient}). Options
 * ({@code --sut-opt}), see {@link NatsConfig}: {@code nats-bin=PATH} (default {@code /usr/sbin/nats-server}),
 * {@code sync=default|always}, {@code replicas=N}.
 *
 * <p>Partitions and packet faults (routes and clients pass through the proxies), kill and pause apply, and so does
 * anything done to a node's {@link Backend#dataDir data directory}, which is its JetStream store. The clock nemesis is
 * refused ({@link #NO_CLOCK_FAULTS}).
 */
public final class NatsSut implements Sut {

  /** Why the clock nemesis cannot run against NATS (checked: under libfaketime its log stamps the real time). */
  public static final String NO_CLOCK_FAULTS =
      "--nemesis clock cannot reach nats-server: it is a Go program, which reads"
          + " the clock through the vDSO, not libc, so libfaketime does not move it";

  @Override
  public String name() {
    return "nats";
  }

  @Override
  public Set<String> workloads() {
    return Set.of("queue");
  }

  @Override
  public void check(TestSpec spec) {
    NatsConfig config = NatsConfig.of(spec.sutOptions());
    if (spec.nemesis().contains("clock")) {
      throw new IllegalArgumentException(NO_CLOCK_FAULTS);
    }
    if (!new NodeSpec.Binary(config.bin()).installed()) {
      throw new IllegalArgumentException(
          config.bin().equals(NatsDb.DEFAULT_BIN)
              ? NatsDb.NOT_INSTALLED
              : "--sut-opt nats-bin: no executable at " + config.bin());
    }
    if (config.syncAlways()) {
      NatsConfig.syncIntervalRefused(config.bin())
          .ifPresent(
              why -> {
                throw new IllegalArgumentException(
                    "--sut-opt sync=always needs nats-server 2.10 or later (sync_interval); "
                        + config.bin()
                        + " is "
                        + NatsConfig.version(config.bin())
                        + ", which says: "
                        + why);
              });
    }
    if (config.replicas(spec.nodes()) > spec.nodes()) {
      throw new IllegalArgumentException(
          "--sut-opt replicas="
              + config.replicas(spec.nodes())
              + " needs at least as many nodes, not "
              + spec.nodes());
    }
  }

  @Override
  public Db db(TestSpec spec, Path runDir, Path root) {
    Backend backend = Backends.of(spec, runDir, root, NatsDb.PORTS, NatsSut::noImage);
    return new NatsDb(backend, NatsConfig.of(spec.sutOptions()));
  }

  @Override
  public Client client(String workload, Db db, TestSpec spec) {
    if (!workload.equals("queue")) {
      throw new IllegalArgumentException(
          "the nats adapter has no client for workload '" + workload + "'");
    }
    return NatsQueueClient.template((NatsDb) db, spec.opTimeout());
  }

  private static String noImage() {
    throw new DbException("nats runs on hosts only: Faultline has no nats-server node image");
  }
}
