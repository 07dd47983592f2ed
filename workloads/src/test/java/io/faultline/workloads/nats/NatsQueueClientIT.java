package io.faultline.workloads.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.cluster.ProcessBackend;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue client against a real 3-server JetStream cluster: acknowledged publishes are read back, in order, from
 * each node's own file store.
 */
class NatsQueueClientIT {
  private NatsDb db;
  private Path dir;

  @BeforeEach
  void startCluster() throws Exception {
    Assumptions.assumeTrue(
        new NodeSpec.Binary(NatsDb.DEFAULT_BIN).installed(), NatsDb.NOT_INSTALLED);
    dir = Files.createTempDirectory("nats-client-it");
    db =
        new NatsDb(
            new ProcessBackend(Backend.names(3), List.copyOf(NatsDb.PORTS.keySet()), dir),
            NatsConfig.of(Map.of()));
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

  private static Op call(Client c, String f, Object value) throws Exception {
    return c.invoke(new Op(0, 0, Op.Type.INVOKE, 0, f, value, null, null));
  }

  @Test
  void everyNodeReadsTheAcknowledgedStreamFromItsOwnReplica() throws Exception {
    Client template = NatsQueueClient.template(db, Duration.ofSeconds(4));
    try (Client c = template.open("n1")) {
      c.setup();
      for (long v = 1; v <= 20; v++) {
        assertThat(call(c, "publish", v).type()).as("publish %s", v).isEqualTo(Op.Type.OK);
      }
      List<Long> all = LongStream.rangeClosed(1, 20).boxed().toList();
      for (String n : db.nodes()) {
        Op read = call(c, "read", Arrays.asList(n, null));
        assertThat(read.type()).as("read of %s", n).isEqualTo(Op.Type.OK);
        assertThat(read.value()).isEqualTo(Arrays.asList(n, all));
      }
    }
  }
}
