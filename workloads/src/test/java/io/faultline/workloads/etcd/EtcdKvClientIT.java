package io.faultline.workloads.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workloads' client against a real 3-member etcd cluster: registers, and appends from clients bound to different
 * members racing on one key, where the mod-revision guard must keep every acknowledged element exactly once.
 */
class EtcdKvClientIT {
  private EtcdDb db;
  private Path dir;

  @BeforeEach
  void startCluster() throws Exception {
    Assumptions.assumeTrue(EtcdDb.installed(EtcdDb.DEFAULT_BIN), EtcdDb.NOT_INSTALLED);
    dir = Files.createTempDirectory("etcd-client-it");
    db = EtcdDb.processes(3, EtcdDb.DEFAULT_BIN, dir);
    db.setup();
  }

  @AfterEach
  void stopCluster() throws Exception {
    if (db != null) {
      db.teardown();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Op call(Client c, int process, String f, Object key, Object value) {
    try {
      return c.invoke(
          new Op(0, 0, Op.Type.INVOKE, process, f, Arrays.asList(key, value), null, null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void close(Client c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void registerWriteCasAndRead() throws Exception {
    Client c = EtcdKvClient.registers(db, Duration.ofSeconds(4), false).open("n1");
    try {
      assertThat(call(c, 0, "read", "r", null).value()).isEqualTo(Arrays.asList("r", null));
      assertThat(call(c, 0, "write", "r", 3).type()).isEqualTo(Op.Type.OK);
      assertThat(call(c, 0, "cas", "r", List.of(4, 5)).type())
          .as("cas from a value it does not hold")
          .isEqualTo(Op.Type.FAIL);
      assertThat(call(c, 0, "cas", "r", List.of(3, 5)).type()).isEqualTo(Op.Type.OK);
      assertThat(call(c, 0, "read", "r", null).value()).isEqualTo(List.of("r", 5L));
    } finally {
      close(c);
    }
  }

  @Test
  void racingAppendsKeepEveryAcknowledgedElementOnce() throws Exception {
    Client template = EtcdKvClient.lists(db, Duration.ofSeconds(4), false);
    List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<Op> indeterminate = Collections.synchronizedList(new ArrayList<>());
    List<Thread> racers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      Client c = template.open("n" + (t + 1));
      racers.add(
          new Thread(
              () -> {
                try {
                  for (long e = thread * 1000L; e < thread * 1000L + 30; e++) {
                    Op done = call(c, thread, "append", "k", e);
                    if (done.type() == Op.Type.OK) {
                      acknowledged.add(e);
                    } else if (done.type() == Op.Type.INFO) {
                      indeterminate.add(done);
                    }
                  }
                } finally {
                  close(c);
                }
              }));
    }
    racers.forEach(Thread::start);
    for (Thread r : racers) {
      r.join();
    }
    Client reader = template.open("n2");
    List<Object> list =
        new ArrayList<>((List<?>) ((List<?>) call(reader, 9, "read", "k", null).value()).get(1));
    close(reader);

    assertThat(indeterminate).as("appends of unknown outcome on a healthy cluster").isEmpty();
    assertThat(acknowledged)
        .as("appends that won their guard within %s tries", EtcdKvClient.APPEND_ATTEMPTS)
        .isNotEmpty();
    assertThat(list)
        .as("the list holds each acknowledged element once, and nothing else")
        .containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(acknowledged));
  }
}
