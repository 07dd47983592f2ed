package io.faultline.harness.spi.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Nodes whose clocks can be moved from outside the process, with libfaketime: the node runs with {@code LD_PRELOAD}
 * of libfaketime and reads its offset from a per-node timestamp file ({@code FAKETIME_TIMESTAMP_FILE},
 * {@code FAKETIME_NO_CACHE=1}), so writing {@code +3600}, {@code -5} or {@code +0 x1.5} to the file shifts or skews
 * its clocks, {@code System.nanoTime()} included.
 */
public interface ClockSkewable {

  /** Where libfaketime lives on Debian, when the {@code faketime} package is installed. */
  Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  /** Why clock faults cannot run where libfaketime is missing, in one line. */
  String NEEDS_LIBFAKETIME = "clock faults need libfaketime: apt-get install faketime";

  /** Whether libfaketime is installed on this machine. */
  static boolean libfaketimeInstalled() {
    return java.nio.file.Files.isReadable(LIBFAKETIME);
  }

  /** The file that sets the node's clock, or empty when clock faults are unsupported here. */
  Optional<Path> clockFile(String node);

  /**
   * Sets the node's clock to {@code line} (e.g. {@code +60.000 x1.5}); in force when it returns. By default it writes
   * {@link #clockFile} on this machine; a cluster on other hosts writes theirs.
   */
  default void setClock(String node, String line) {
    write(clockFile(node).orElseThrow(() -> new IllegalStateException(NEEDS_LIBFAKETIME)), line);
  }

  /**
   * Writes {@code line} to the clock file {@code file} atomically (a sibling file, then a rename), so a node never
   * reads a half-written file.
   */
  static void write(Path file, String line) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      java.nio.file.Files.writeString(tmp, line + "\n");
      java.nio.file.Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot set the clock file " + file, e);
    }
  }
}
