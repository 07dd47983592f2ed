package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.docker.DockerBackend;
import io.faultline.harness.cluster.docker.LocalImages;
import io.faultline.harness.history.Op;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.spi.Client;
import io.faultline.nemesis.Await;
import io.faultline.nemesis.process.ProcessNemesis;
import io.faultline.workloads.raft.RaftDb;
import io.faultline.workloads.raft.RaftKvOpsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node faults on containers, through the same nemesis as on processes: {@code docker kill} of every node loses nothing
 * acknowledged, because each restarted node is a new container on its old data volume; {@code docker pause} silences
 * a node until it is unpaused.
 */
@Tag("docker")
@ExtendWith(RequiresDocker.class)
class DockerNodesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path runDir;

  private RaftDb db;
  private Client client;

  @BeforeEach
  void startCluster() {
    Path jar = RaftDb.jarIn(Faultline.root());
    db =
        new RaftDb(
            new DockerBackend(
                Backend.names(3),
                RaftDb.PORTS,
                runDir,
                () -> LocalImages.raftNode(Faultline.root(), jar),
                Faultline.root()),
            jar,
            List.of(),
            RaftDb.NODE_JVM,
            true);
    db.setup();
  }

  @AfterEach
  void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    db.teardown();
  }

  private Op call(String f, Object arg) throws Exception {
    if (client == null) {
      client = RaftKvOpsClient.registers(db, Duration.ofSeconds(5)).open("n1");
    }
    return client.invoke(Op.invoke(0, f, Arrays.asList("k", arg)));
  }

  @Test
  void everyNodeKilledComesBackFromItsVolumeWithTheAcknowledgedWrites() throws Exception {
    for (int i = 1; i <= 20; i++) {
      assertThat(call("write", i).type()).isEqualTo(Op.Type.OK);
    }
    ProcessNemesis kill = ProcessNemesis.kill(db, db.nodes(), 1);

    assertThat(kill.invoke(Op.invoke(Op.NEMESIS, "kill", db.nodes())).value())
        .isEqualTo(db.nodes());
    assertThat(db.nodes()).noneMatch(db::isRunning);
    assertThat(db.statuses()).isEmpty();
    kill.invoke(Op.invoke(Op.NEMESIS, "start", "all"));
    db.awaitReady();

    Op read =
        Await.value(
            "an acknowledged read",
            PATIENCE,
            () -> {
              try {
                Op r = call("read", null);
                return r.type() == Op.Type.OK
                    ? java.util.Optional.of(r)
                    : java.util.Optional.empty();
              } catch (Exception e) {
                return java.util.Optional.empty();
              }
            });
    assertThat(read.value())
        .as("the last acknowledged write, read after every node restarted")
        .isEqualTo(Arrays.asList("k", 20L));
  }

  @Test
  void aPausedContainerStopsAnsweringUntilItIsUnpaused() {
    ProcessNemesis pause = ProcessNemesis.pause(db, db.nodes(), 1);

    pause.invoke(Op.invoke(Op.NEMESIS, "pause", List.of("n2")));
    Await.until("n2 silent", PATIENCE, () -> db.status("n2").isEmpty());
    assertThat(db.isRunning("n2")).as("a paused container still runs").isTrue();

    pause.invoke(Op.invoke(Op.NEMESIS, "resume", "all"));
    Await.until("n2 answering again", PATIENCE, () -> db.status("n2").isPresent());
  }
}
