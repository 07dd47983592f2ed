package io.faultline.jmh.floor;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one durable write costs while the other members of a 3-node cluster on this disk write too: three threads,
 * each overwriting one 4 KiB block of a file of its own through {@code O_DSYNC}, at the same time. A commit of three
 * local members waits for such a write (the leader's and a follower's run together, and the third member's competes
 * for the same device), so with two loopback round trips (client to leader, leader to follower) this is the floor of a
 * replicated commit on this machine, as {@link DsyncWriteBenchmark}'s {@code overwrite} is the floor of one write.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplicaDsyncBenchmark {
  /** The members of the cluster whose writes compete: each benchmark thread is one. */
  static final int MEMBERS = 3;

  /** One member's file, written in place. */
  @State(Scope.Thread)
  public static class MemberFile {
    private DsyncFile file;

    @Setup(Level.Trial)
    public void open() throws IOException {
      file = DsyncFile.create("faultline-replica-dsync-");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      file.close();
    }
  }

  @Benchmark
  @Group("threeMembers")
  @GroupThreads(MEMBERS)
  public int overwrite(MemberFile f) throws IOException {
    return f.file.write(0);
  }
}
