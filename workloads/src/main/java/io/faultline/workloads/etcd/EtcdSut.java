package io.faultline.workloads.etcd;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.Backends;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Sut;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.DbException;
import io.faultline.workloads.queue.QueueOnLists;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * etcd as a system under test, for the register, append and set workloads ({@link EtcdKvClient}). Options
 * ({@code --sut-opt}):
 *
 * <ul>
 *   <li>{@code reads=linearizable|serializable}: how reads are served (serializable: from the local member);
 *   <li>{@code etcd-bin=PATH}: the etcd binary (default {@code /usr/bin/etcd}).
 * </ul>
 *
 * <p>Every fault family but {@code clock} applies; the clock nemesis is refused ({@link #NO_CLOCK_FAULTS}).
 */
public final class EtcdSut implements Sut {

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public Set<String> workloads() {
    return Set.of("register", "append", "set", "queue");
  }

  /** Processes on this machine, or hosts over SSH (where the host's etcd runs). */
  @Override
  public Set<String> clusters() {
    return Set.of("process", "ssh");
  }

  /** Why the clock nemesis cannot run against etcd. */
  public static final String NO_CLOCK_FAULTS =
      "--nemesis clock cannot reach etcd: it is a Go program, which reads"
          + " the clock through the vDSO, not libc, so libfaketime does not move it";

  @Override
  public void check(TestSpec spec) {
    serializable(spec.sutOptions());
    if (spec.nemesis().contains("clock")) {
      throw new IllegalArgumentException(NO_CLOCK_FAULTS);
    }
    Path bin = bin(spec.sutOptions());
    if (!spec.cluster().equals("ssh")
        && !EtcdDb.installed(bin)) { // on hosts, the backend checks it there
      throw new IllegalArgumentException(
          bin.equals(EtcdDb.DEFAULT_BIN)
              ? EtcdDb.NOT_INSTALLED
              : "--sut-opt etcd-bin: no executable at " + bin);
    }
  }

  @Override
  public Db db(TestSpec spec, Path runDir, Path root) {
    Backend backend = Backends.of(spec, runDir, root, EtcdDb.PORTS, EtcdSut::noImage);
    return new EtcdDb(backend, bin(spec.sutOptions()));
  }

  @Override
  public Client client(String workload, Db db, TestSpec spec) {
    boolean serializable = serializable(spec.sutOptions());
    return switch (workload) {
      case "register" -> EtcdKvClient.registers((EtcdDb) db, spec.opTimeout(), serializable);
      case "append", "set" -> EtcdKvClient.lists((EtcdDb) db, spec.opTimeout(), serializable);
      case "queue" ->
          new QueueOnLists(EtcdKvClient.lists((EtcdDb) db, spec.opTimeout(), serializable));
      default ->
          throw new IllegalArgumentException(
              "the etcd adapter has no client for workload '" + workload + "'");
    };
  }

  private static String noImage() {
    throw new DbException("etcd runs on hosts only: Faultline has no etcd node image");
  }

  /** The etcd binary of these options. */
  public static Path bin(Map<String, String> options) {
    String b = options.get("etcd-bin");
    return b == null ? EtcdDb.DEFAULT_BIN : Path.of(b);
  }

  /** Whether these options ask for serializable reads; refuses unknown options. */
  static boolean serializable(Map<String, String> options) {
    for (String k : options.keySet()) {
      if (!k.equals("reads") && !k.equals("etcd-bin")) {
        throw new IllegalArgumentException(
            "unknown --sut-opt '" + k + "' for etcd; options: reads, etcd-bin");
      }
    }
    String reads = options.getOrDefault("reads", "linearizable");
    if (!reads.equals("linearizable") && !reads.equals("serializable")) {
      throw new IllegalArgumentException(
          "--sut-opt reads must be linearizable or serializable, not '" + reads + "'");
    }
    return reads.equals("serializable");
  }
}
