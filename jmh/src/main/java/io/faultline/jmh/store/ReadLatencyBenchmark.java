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
 * Latency of a linearizable read by one client: under ReadIndex ({@code raft}: a heartbeat round to a majority
 * before answering, thesis §6.4), under a leader lease ({@code raft-lease}: answered from the leader's state,
 * §6.4.1), and etcd's default read (ReadIndex as well). Neither Raft mode touches the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
public class ReadLatencyBenchmark {

  @Param({"raft", "raft-lease", "etcd"})
  public String store;

  private StoreCluster cluster;
  private KvSession session;

  @Setup(Level.Trial)
  public void start() {
    cluster = StoreCluster.start(store);
    session = cluster.session();
    session.write("r", "0123456789abcdef");
  }

  @Benchmark
  public String read() {
    return session.read("r");
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
