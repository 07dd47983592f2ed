package io.faultline.raft.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.raft.client.DefiniteFailure;
import io.faultline.raft.client.IndeterminateFailure;
import io.faultline.raft.client.RaftKvClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client-played unsafe mode end to end: {@code --unsafe-timeout-as-failure} on a real one-member node (in this
 * JVM, over TCP) reaches the client library through the session open, with nothing passed to the client. The node
 * acknowledges a write, then goes away while the client's next write is on the wire: its outcome is unknown, which
 * the correct client reports as such and the unsafe one as a failure.
 */
class ClientPlayedModeTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void aWriteCutOffAfterItWasSentIsReportedAsTheNodeSays(boolean unsafe) throws Exception {
    int raft = freePort();
    int client = freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--id", "n1",
                "--peers", "n1=127.0.0.1:" + raft,
                "--client-port", String.valueOf(client),
                "--admin-port", String.valueOf(freePort()),
                "--data-dir", dir.resolve("n1").toString()));
    if (unsafe) {
      args.add("--unsafe-timeout-as-failure");
    }
    RaftServer node = RaftServer.start(NodeOptions.parse(args.toArray(String[]::new)));
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), client);
    try (RaftKvClient c = RaftKvClient.connect(List.of(address), Duration.ofSeconds(2))) {
      try {
        c.write("x", "1");
      } finally {
        node.close();
      }
      assertThatThrownBy(() -> c.write("x", "2"))
          .as("unsafe=%s", unsafe)
          .isInstanceOf(unsafe ? DefiniteFailure.class : IndeterminateFailure.class);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
