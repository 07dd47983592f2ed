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
}
