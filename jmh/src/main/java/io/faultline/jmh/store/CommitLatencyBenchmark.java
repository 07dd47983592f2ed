package io.faultline.jmh.store;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commit latency seen by one client, one operation at a time, of a write and of a cas that always succeeds, on three
 * members with fsync on. Each sample is one acknowledged operation: the leader's fsync (in parallel with
 * replication) and a majority's durable append. {@code SampleTime} reports the percentiles (p50, p90, p99, p99.9);
 * divide them by {@code floor.DsyncWriteBenchmark}'s to see how far a commit is from the disk's floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
public class CommitLatencyBenchmark {

  @Param({"raft", "etcd"})
  public String store;

  private StoreCluster cluster;
  private KvSession session;
  private long next;
  private String current;

  @Setup(Level.Trial)
  public void start() {
    cluster = StoreCluster.start(store);
    session = cluster.session();
    current = value(next++);
    session.write("cas", current);
  }

  /** A 16-byte value that differs each time, so that every cas changes the register. */
  private static String value(long n) {
    return String.format("v%015d", n);
  }

  @Benchmark
  public String write() {
    String v = value(next++);
    session.write("w", v);
    return v;
  }

  @Benchmark
  public boolean cas() {
    String to = value(next++);
    if (!session.cas("cas", current, to)) {
      throw new IllegalStateException(
          "cas from " + current + " failed: the benchmark is the only client");
    }
    current = to;
    return true;
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
