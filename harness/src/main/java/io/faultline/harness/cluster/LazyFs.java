package io.faultline.harness.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faultline's lazy file system: a FUSE pass-through over a backing folder that keeps what was not made durable
 * apart, so that a power loss can drop it ({@code harness/src/main/c/faultline-lazyfs.c}, built here with
 * {@code gcc} and {@code libfuse3-dev} when missing or older than its source).
 *
 * <p>What counts as durable: a file's writes and truncations once the file is fsync'd or fdatasync'd (or written
 * through {@code O_SYNC}/{@code O_DSYNC}); a create, mkdir, unlink, rmdir or rename once its directory is fsync'd
 * (both directories for a rename). {@link Mount#powerLoss} undoes everything else, newest first, and the files then
 * read as a power failure would have left them. Mounted with {@code namesDurable}, name changes are durable at once
 * and only unsynced file data is dropped. It cannot model a disk's own write cache or torn sectors, and treats
 * {@code sync_file_range} and {@code syncfs} as no sync at all (FUSE does not see them).
 *
 * <p>Each mount is a process whose standard input is a pipe from this JVM: when the pipe closes ({@link
 * Mount#close}, or this JVM dies however it dies), it unmounts itself and exits, so no mount outlives the harness.
 */
public final class LazyFs {
  private static final Logger LOG = LoggerFactory.getLogger(LazyFs.class);

  /** The name of the file system in {@code /proc/mounts}. */
  public static final String FS_NAME = "faultline-lazyfs";

  /** The control file at the root of a mount (hidden from listings). */
  static final String CONTROL = ".faultline-lazyfs";

  private static final String SOURCE = "harness/src/main/c/faultline-lazyfs.c";
  private static final String BINARY = "harness/target/faultline-lazyfs";

  private LazyFs() {}

  /**
   * Why the lazy file system cannot run on this machine (not root, no {@code /dev/fuse}, no {@code gcc} or
   * {@code libfuse3-dev} to build it, a build that fails), or empty when it can; builds it first when needed.
   *
   * @param root the Faultline checkout
   */
  public static synchronized Optional<String> refusal(Path root) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of(
          "disk faults need root (they mount a FUSE file system over each node's data)");
    }
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return Optional.of("disk faults need FUSE: /dev/fuse is missing");
    }
    try {
      binary(root);
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The file system's executable, built from its source when missing or older.
   *
   * @throws IllegalStateException naming the cause when it cannot be built
   */
  public static synchronized Path binary(Path root) {
    Path src = root.resolve(SOURCE);
    Path bin = root.resolve(BINARY);
    try {
      if (Files.exists(bin)
          && (!Files.exists(src)
              || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) >= 0)) {
        return bin;
      }
      if (!Files.exists(src)) {
        throw new IllegalStateException("disk faults need " + src + " (not a Faultline checkout?)");
      }
      if (!Files.exists(Path.of("/usr/include/fuse3/fuse.h"))) {
        throw new IllegalStateException(
            "disk faults need libfuse3-dev to build "
                + SOURCE
                + " (apt-get install fuse3 libfuse3-dev)");
      }
      Files.createDirectories(bin.getParent());
      Path tmp = bin.resolveSibling("faultline-lazyfs.tmp");
      List<String> cmd =
          List.of(
              "gcc",
              "-O2",
              "-Wall",
              "-I/usr/include/fuse3",
              "-o",
              tmp.toString(),
              src.toString(),
              "-lfuse3",
              "-lpthread");
      Process gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
        throw new IllegalStateException(
            "disk faults: building "
                + SOURCE
                + " failed: "
                + out.strip().lines().findFirst().orElse(""));
      }
      Files.move(tmp, bin, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(bin, FileTime.fromMillis(System.currentTimeMillis()));
      LOG.info("built {}", bin);
      return bin;
    } catch (IOException e) {
      throw new IllegalStateException(
          "disk faults need gcc to build " + SOURCE + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + SOURCE);
    }
  }

  /**
   * Unmounts the lazy file systems left by harnesses that died with their mount (its process gone, the mount point
   * answering "transport endpoint is not connected"); live mounts of other harnesses are left alone.
   */
  public static void cleanLeftovers() {
    for (String mountPoint : mounts()) {
      if (!Files.isDirectory(Path.of(mountPoint))) {
        LOG.info("unmounting a dead {} at {}", FS_NAME, mountPoint);
        unmount(mountPoint);
      }
    }
  }

  /** The mount points of this file system, from {@code /proc/mounts}. */
  static List<String> mounts() {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        String[] f = line.split(" ");
        if (f.length > 1 && f[0].equals(FS_NAME)) {
          out.add(f[1].replace("\\040", " "));
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot read /proc/mounts: {}", e.toString());
    }
    return out;
  }

  private static void unmount(String mountPoint) {
    try {
      new ProcessBuilder("umount", "-l", mountPoint)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      LOG.warn("cannot unmount {}: {}", mountPoint, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Mounts the lazy file system of {@code backing} at {@code mountPoint} (both created if missing), and returns once
   * the kernel has mounted it.
   *
   * @param log where the file system's own messages go
   * @throws IllegalStateException naming the cause when it does not mount within 10 s
   */
  public static Mount mount(Path root, Path backing, Path mountPoint, Path log) {
    return mount(root, backing, mountPoint, log, false);
  }

  /**
   * Mounts as {@link #mount(Path, Path, Path, Path)} does; with {@code namesDurable}, every create, mkdir, unlink,
   * rmdir and rename is durable at once (as a journaling file system that commits metadata by itself would make
   * it), so that a power loss drops only file data that was not synced: a file created and never fsync'd is then
   * still there, empty, instead of gone.
   */
  public static Mount mount(
      Path root, Path backing, Path mountPoint, Path log, boolean namesDurable) {
    try {
      Files.createDirectories(backing);
      Files.createDirectories(mountPoint);
      Files.createDirectories(log.toAbsolutePath().getParent());
      List<String> cmd = new ArrayList<>(List.of(binary(root).toString()));
      if (namesDurable) {
        cmd.add("--names-durable");
      }
      cmd.add(backing.toString());
      cmd.add(mountPoint.toString());
      Process p =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return out.readLine();
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      if (!"mounted".equals(first)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "the lazy file system did not mount at " + mountPoint + "; see " + log);
      }
      return new Mount(p, mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "the lazy file system did not mount at " + mountPoint + " within 10 s; see " + log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while mounting " + mountPoint);
    }
  }

  /** One mounted lazy file system. */
  public static final class Mount implements AutoCloseable {
    private final Process process;
    private final Path mountPoint;

    private Mount(Process process, Path mountPoint) {
      this.process = process;
      this.mountPoint = mountPoint;
    }

    /** Where it is mounted. */
    public Path mountPoint() {
      return mountPoint;
    }

    /**
     * Drops every change not made durable, as a power failure would; returns once done. The processes that use the
     * files must be dead first (a live one would keep writing over the restored state).
     */
    public void powerLoss() {
      command("power-loss");
    }

    /** Makes every change so far durable, as if everything had been fsync'd. */
    public void sync() {
      command("sync");
    }

    /** The counts of what is pending, as the file system reports them ({@code files}, {@code changes}, {@code names}). */
    public String pending() {
      try {
        return Files.readString(mountPoint.resolve(CONTROL));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void command(String what) {
      try {
        Files.writeString(mountPoint.resolve(CONTROL), what);
      } catch (IOException e) {
        throw new UncheckedIOException("lazy file system at " + mountPoint + ": " + what, e);
      }
    }

    /** Unmounts it (closing the pipe ends it) and waits for its process; idempotent. */
    @Override
    public void close() {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // gone already
      }
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (mounts().contains(mountPoint.toAbsolutePath().toString())) {
        unmount(mountPoint.toString());
      }
    }
  }
}
