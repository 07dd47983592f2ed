package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
    int port = Ports.HIGH - 1;
    Files.createDirectories(Ports.LOCKS);
    try (FileChannel other = FileChannel.open(Ports.LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock held = other.tryLock();
      assertThat(held).as("the test holds the lock").isNotNull();
      assertThat(Ports.reserve(port)).isFalse();
      held.release();
      assertThat(Ports.reserve(port)).isTrue();
    }
  }
}
