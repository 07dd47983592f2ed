package io.faultline.raft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.raft.protocol.ClientFrames;
import io.faultline.raft.protocol.KvCommand;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error classification of the client against scripted fake nodes: what the harness records as :fail or :info. */
class RaftKvClientTest {
  private final List<ServerSocket> servers = new ArrayList<>();

  @AfterEach
  void closeServers() throws IOException {
    for (ServerSocket s : servers) {
      s.close();
    }
  }

  /**
   * A fake node that opens every session it is asked to (answers OK to {@code OPEN}) and answers every other request
   * with {@code reply(requestId)}, or never when it returns null.
   */
  private InetSocketAddress fakeNode(
      LongFunction<java.nio.ByteBuffer> reply, AtomicInteger requests) throws IOException {
    return fakeNode(reply, requests, null);
  }

  /** Like {@link #fakeNode(LongFunction, AtomicInteger)}, answering {@code OPEN} with {@code opened}. */
  private InetSocketAddress fakeNode(
      LongFunction<java.nio.ByteBuffer> reply, AtomicInteger requests, Object opened)
      throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(server);
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  OutputStream out = s.getOutputStream();
                  while (true) {
                    byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    java.nio.ByteBuffer request = java.nio.ByteBuffer.wrap(body);
                    long id = request.getLong();
                    if (request.get() == KvCommand.Op.OPEN.ordinal()) {
                      out.write(
                          ClientFrames.response(id, ClientFrames.OK, opened, "n1", null).array());
                      out.flush();
                      continue;
                    }
                    requests.incrementAndGet();
                    java.nio.ByteBuffer r = reply.apply(id);
                    if (r != null) {
                      out.write(r.array());
                      out.flush();
                    }
                  }
                } catch (IOException e) {
                  // connection or server closed
                }
              }
            },
            "fake-node");
    t.setDaemon(true);
    t.start();
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  @Test
  void writeThatTimesOutAtANodeIsIndeterminateButAReadIsDefinite() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    InetSocketAddress silent = fakeNode(id -> null, requests);
    try (RaftKvClient c = RaftKvClient.connect(List.of(silent), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> c.write("k", "v"))
          .isInstanceOf(IndeterminateFailure.class)
          .extracting(e -> ((RaftKvException) e).definite())
          .isEqualTo(false);
      assertThatThrownBy(() -> c.read("k")).isInstanceOf(DefiniteFailure.class);
    }
    assertThat(requests.get()).isGreaterThanOrEqualTo(2);
  }

  /**
   * A node started with {@code --unsafe-timeout-as-failure} names the mode when it opens the session, and from then
   * on the client reports a write that timed out at the node, and may have been applied, as a definite failure.
   * Another client-side mode's name, or none, changes nothing.
   */
  @Test
  void aNodeThatNamesTimeoutAsFailureAtSessionOpenMakesTheClientMisreportTimeouts()
      throws IOException {
    InetSocketAddress lying =
        fakeNode(id -> null, new AtomicInteger(), List.of("timeout-as-failure"));
    try (RaftKvClient c = RaftKvClient.connect(List.of(lying), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> c.write("k", "v")).isInstanceOf(DefiniteFailure.class);
    }
    InetSocketAddress other = fakeNode(id -> null, new AtomicInteger(), List.of("other-mode"));
    try (RaftKvClient c = RaftKvClient.connect(List.of(other), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> c.write("k", "v")).isInstanceOf(IndeterminateFailure.class);
    }
  }

  @Test
  void writeRefusedByEveryNodeAsNotLeaderIsDefinite() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    InetSocketAddress follower =
        fakeNode(
            id -> ClientFrames.response(id, ClientFrames.NOT_LEADER, null, "n1", null), requests);
    try (RaftKvClient c = RaftKvClient.connect(List.of(follower), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> c.append("k", "v")).isInstanceOf(DefiniteFailure.class);
    }
    assertThat(requests.get()).isPositive();
  }

  @Test
  void leadershipLostAfterTheAppendIsIndeterminate() throws IOException {
    InetSocketAddress node =
        fakeNode(
            id -> ClientFrames.response(id, ClientFrames.UNCERTAIN, null, "n1", null),
            new AtomicInteger());
    try (RaftKvClient c = RaftKvClient.connect(List.of(node), Duration.ofMillis(200))) {
      assertThatThrownBy(() -> c.cas("k", "a", "b")).isInstanceOf(IndeterminateFailure.class);
    }
  }

  @Test
  void redirectGoesStraightToTheLeader() throws IOException {
    AtomicInteger atFollower = new AtomicInteger();
    AtomicInteger atLeader = new AtomicInteger();
    InetSocketAddress follower =
        fakeNode(
            id -> ClientFrames.response(id, ClientFrames.NOT_LEADER, null, "n1", "n2"), atFollower);
    InetSocketAddress leader =
        fakeNode(
            id -> ClientFrames.response(id, ClientFrames.OK, List.of("a", "b"), null, null),
            atLeader);
    try (RaftKvClient c =
        RaftKvClient.connect(Map.of("n1", follower, "n2", leader), Duration.ofSeconds(2))) {
      // Whichever node it tries first, it ends at the leader and then stays there.
      assertThat(c.read("k")).isEqualTo(List.of("a", "b"));
      assertThat(c.read("k")).isEqualTo(List.of("a", "b"));
      assertThat(c.currentNodeForTest()).isEqualTo(leader);
    }
    assertThat(atLeader.get()).isEqualTo(2);
    assertThat(atFollower.get()).isLessThanOrEqualTo(1);
  }

  /**
   * A node that no longer has the session refuses the write as expired (thesis §6.3): definite, as the attempt was
   * not applied, and the client's next write opens a new session under a new id.
   */
  @Test
  void writeOfAnExpiredSessionIsDefiniteAndTheNextWriteOpensANewSession() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    InetSocketAddress node =
        fakeNode(
            id ->
                requests.get() == 1
                    ? ClientFrames.response(id, ClientFrames.SESSION_EXPIRED, null, "n1", null)
                    : ClientFrames.response(id, ClientFrames.OK, null, null, null),
            requests);
    try (RaftKvClient c = RaftKvClient.connect(List.of(node), Duration.ofSeconds(1))) {
      long first = c.clientId();
      assertThatThrownBy(() -> c.append("k", "v"))
          .isInstanceOf(DefiniteFailure.class)
          .hasMessageContaining("session expired");
      c.append("k", "w");
      assertThat(c.clientId()).isNotEqualTo(first);
    }
    assertThat(requests.get()).isEqualTo(2);
  }

  /** An expired session after an attempt whose outcome is unknown leaves the write's outcome unknown. */
  @Test
  void expiredSessionAfterAnUncertainAttemptIsIndeterminate() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    InetSocketAddress node =
        fakeNode(
            id ->
                ClientFrames.response(
                    id,
                    requests.get() == 1 ? ClientFrames.UNCERTAIN : ClientFrames.SESSION_EXPIRED,
                    null,
                    "n1",
                    null),
            requests);
    try (RaftKvClient c = RaftKvClient.connect(List.of(node), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> c.append("k", "v"))
          .isInstanceOf(IndeterminateFailure.class)
          .hasMessageContaining("session expired");
    }
  }
}
