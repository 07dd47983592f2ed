package io.faultline.raft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.raft.ReadMode;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.net.IoTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeOptionsTest {
  @TempDir Path dir;

  private String[] args(String... extra) {
    String[] base = {
      "--id",
      "n1",
      "--peers",
      "n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003",
      "--client-port",
      "7101",
      "--admin-port",
      "7201",
      "--data-dir",
      dir.resolve("d").toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void parsesEveryFlag() throws Exception {
    NodeOptions o =
        NodeOptions.parse(
            args(
                "--read-mode=lease",
                "--unsafe-no-fsync",
                "--unsafe-stale-reads",
                "--election-min-ms",
                "200",
                "--election-max-ms",
                "400"));
    assertThat(o.id()).isEqualTo("n1");
    assertThat(o.peers()).containsOnlyKeys("n1", "n2", "n3");
    assertThat(o.peers().get("n2").getPort()).isEqualTo(7002);
    assertThat(o.readMode()).isEqualTo(ReadMode.LEASE);
    assertThat(o.unsafe()).containsExactlyInAnyOrder(UnsafeMode.NO_FSYNC, UnsafeMode.STALE_READS);
    assertThat(o.electionMinMs()).isEqualTo(200);
    assertThat(Files.isDirectory(o.dataDir())).isTrue();
    assertThat(o.preVote()).as("default").isTrue();
    assertThat(NodeOptions.parse(args("--pre-vote", "off")).preVote()).isFalse();
  }

  /** The harness turns {@code --sut-opt unsafe=MODE} into {@code --unsafe-MODE}: every mode parses that way. */
  @Test
  void everyUnsafeModeParsesFromItsFlag() throws Exception {
    for (UnsafeMode m : UnsafeMode.values()) {
      assertThat(NodeOptions.parse(args("--unsafe-" + m.flag())).unsafe()).containsExactly(m);
    }
  }

  @Test
  void shortElectionTimeoutsAreAllowed() throws Exception {
    NodeOptions o =
        NodeOptions.parse(
            args("--election-min-ms", "2", "--election-max-ms", "3", "--heartbeat-ms", "1"));
    assertThat(o.electionMinMs()).isEqualTo(2);
    assertThat(o.electionMaxMs()).isEqualTo(3);
  }

  @Test
  void theTransportIsEpollWhereItLoadsUnlessNioIsAsked() throws Exception {
    assertThat(NodeOptions.parse(args()).io()).isEqualTo(IoTransport.best());
    assertThat(NodeOptions.parse(args("--io", "nio")).io()).isEqualTo(IoTransport.NIO);
    if (System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertThat(IoTransport.best())
          .as("Netty's native epoll loads on Linux x86_64")
          .isEqualTo(IoTransport.EPOLL);
    }
    assertThatThrownBy(() -> NodeOptions.parse(args("--io", "uring")))
        .isInstanceOf(NodeOptions.UsageException.class)
        .hasMessageContaining("--io");
  }

  @Test
  void badFlagsGetOneLineErrors() {
    assertThatThrownBy(() -> NodeOptions.parse(args("--unsafe-everything")))
        .isInstanceOf(NodeOptions.UsageException.class)
        .hasMessageContaining("--unsafe-everything");
    assertThatThrownBy(() -> NodeOptions.parse(args("--read-mode", "fast")))
        .hasMessageContaining("read-mode");
    assertThatThrownBy(
            () ->
                NodeOptions.parse(
                    new String[] {
                      "--id",
                      "n9",
                      "--peers",
                      "n1=127.0.0.1:1",
                      "--client-port",
                      "1",
                      "--admin-port",
                      "2",
                      "--data-dir",
                      dir.toString()
                    }))
        .hasMessageContaining("n9");
    assertThatThrownBy(() -> NodeOptions.parse(args("--client-port", "70000")))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> NodeOptions.parse(args("--pre-vote", "maybe")))
        .hasMessageContaining("--pre-vote");
  }

  @Test
  void dataDirThatIsAFileIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(
            () ->
                NodeOptions.parse(
                    new String[] {
                      "--id",
                      "n1",
                      "--peers",
                      "n1=127.0.0.1:1",
                      "--client-port",
                      "1",
                      "--admin-port",
                      "2",
                      "--data-dir",
                      file.toString()
                    }))
        .isInstanceOf(NodeOptions.UsageException.class)
        .hasMessageContaining("data-dir");
  }

  @Test
  void helpDocumentsEveryUnsafeMode() {
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--help"}))
        .isInstanceOf(NodeOptions.HelpRequested.class);
    String help = NodeOptions.help();
    for (UnsafeMode m : UnsafeMode.values()) {
      assertThat(help).contains("--unsafe-" + m.flag());
    }
    assertThat(help).contains("--read-mode", "--data-dir", "--peers", "--admin-port");
  }
}
