package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void portsAreDistinctFreeAndBelowTheEphemeralRange() {
    List<Integer> ports = Ports.free(20);
    assertThat(new HashSet<>(ports)).hasSize(20);
    assertThat(ports).allSatisfy(p -> assertThat(p).isBetween(Ports.LOW, Ports.HIGH - 1));
    assertThat(Ports.free(5)).doesNotContainAnyElementsOf(ports);
  }

  @Test
  void aPortWhoseLockAnotherHarnessHoldsIsNotReserved() throws Exception {
    Files.createDirectories(Ports.LOCKS);
    // Another test of this JVM (or another harness) may hold some locks: take the highest port
    // whose lock is free.
    for (int port = Ports.HIGH - 1; port >= Ports.LOW; port--) {
      try (FileChannel other =
          FileChannel.open(
              Ports.LOCKS.resolve(port + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        FileLock held = tryLock(other);
        if (held == null) {
          continue;
        }
        assertThat(Ports.reserve(port)).as("port %d, whose lock the test holds", port).isFalse();
        held.release();
        assertThat(Ports.reserve(port)).as("port %d, released", port).isTrue();
        return;
      }
    }
    throw new AssertionError("no port lock could be taken in " + Ports.LOCKS);
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM's Ports holds it
    }
  }
}
