package io.faultline.jmh.floor;

import java.io.IOException;
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
 * One 4 KiB write through a channel opened with {@code DSYNC} ({@code O_DSYNC}): it returns once the data is on
 * stable storage, in a file in the temp folder, which is on the same disk as the stores' data directories.
 *
 * <ul>
 *   <li>{@code overwrite} rewrites the same block: no file growth, so no metadata journal commit. This is the floor,
 *       and what a log in preallocated files (etcd's WAL) pays per commit.
 *   <li>{@code append} writes at the end of a growing file: the new size must be durable too, so on ext4 each write
 *       also waits for a journal commit. This is what a log that grows its file pays per commit.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DsyncWriteBenchmark {

  @Param({"overwrite", "append"})
  public String pattern;

  private DsyncFile file;
  private long position;

  @Setup(Level.Trial)
  public void open() throws IOException {
    file = DsyncFile.create("faultline-dsync-");
  }

  /** Each iteration starts from a one-block file, so that appends do not fill the disk. */
  @Setup(Level.Iteration)
  public void truncate() throws IOException {
    file.truncateToOneBlock();
    position = "append".equals(pattern) ? DsyncFile.BLOCK : 0;
  }

  @Benchmark
  public int write() throws IOException {
    int n = file.write(position);
    if (position > 0) {
      position += n;
    }
    return n;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    file.close();
  }
}
