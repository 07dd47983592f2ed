package io.faultline.jmh.floor;

import io.faultline.harness.cluster.LazyFs;
import io.faultline.jmh.store.Checkout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What the lazy file system of the {@code disk} faults adds to a durable write: one 4 KiB overwrite of a file's first
 * block followed by {@code fdatasync}, in a folder of the temp file system ({@code fs=plain}) or in a mount of
 * {@link LazyFs} over a folder of the same file system ({@code fs=lazyfs}), side by side in one run. Beside
 * {@link DsyncWriteBenchmark}, the floor without the file system. The {@code lazyfs} rows fail alone where the file
 * system cannot run (no root, no FUSE).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LazyFsSyncBenchmark {

  @Param({"plain", "lazyfs"})
  public String fs;

  private Path dir;
  private LazyFs.Mount mount;
  private FileChannel channel;
  private final ByteBuffer block = ByteBuffer.allocateDirect(DsyncFile.BLOCK);

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("faultline-lazyfs-bench-");
    Path files = dir.resolve("plain");
    if (fs.equals("lazyfs")) {
      LazyFs.refusal(Checkout.root())
          .ifPresent(
              why -> {
                throw new IllegalStateException(why);
              });
      mount =
          LazyFs.mount(
              Checkout.root(), dir.resolve("disk"), dir.resolve("mnt"), dir.resolve("log"));
      files = mount.mountPoint();
    }
    Files.createDirectories(files);
    channel =
        FileChannel.open(
            files.resolve("data"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    for (int i = 0; i < DsyncFile.BLOCK; i++) {
      block.put((byte) i);
    }
    block.flip();
    write();
  }

  /** One block written over the first and made durable; its undo log entry is dropped by the sync. */
  @Benchmark
  public int write() throws IOException {
    int n = channel.write(block.duplicate(), 0);
    channel.force(false);
    return n;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    channel.close();
    if (mount != null) {
      mount.close();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
