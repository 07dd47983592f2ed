package io.faultline.jmh.floor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One 4 KiB write through a channel opened with {@code DSYNC} ({@code O_DSYNC}): it returns once the data is on
 * stable storage. It rewrites the same block of a file in the temp folder, which is on the same disk as the
 * stores' data directories, so no file growth (and no metadata journal write) is counted: the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DsyncWriteBenchmark {
  private static final int BLOCK = 4096;

  private Path file;
  private FileChannel channel;
  private ByteBuffer block;

  @Setup(Level.Trial)
  public void open() throws IOException {
    file = Files.createTempFile("faultline-dsync-", ".dat");
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    block = ByteBuffer.allocateDirect(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      block.put((byte) i);
    }
    block.flip();
    channel.write(block.duplicate(), 0);
    channel.force(true);
  }

  @Benchmark
  public int write() throws IOException {
    return channel.write(block.duplicate(), 0);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }
}
