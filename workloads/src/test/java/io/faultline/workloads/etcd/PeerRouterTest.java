package io.faultline.workloads.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.Ports;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The router names each peer connection's sender from {@code X-PeerURLs} and splices it to that link's address. */
class PeerRouterTest {

  /** A server that records, per connection, the first bytes it received, and echoes "ok". */
  private static final class Upstream implements AutoCloseable {
    final ServerSocket server;
    final BlockingQueue<String> heads = new ArrayBlockingQueue<>(10);

    Upstream(int port) throws Exception {
      server = new ServerSocket();
      server.bind(new InetSocketAddress("127.0.0.1", port));
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    while (!buf.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                      int b = in.read();
                      if (b < 0) {
                        break;
                      }
                      buf.write(b);
                    }
                    heads.add(buf.toString(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write("ok".getBytes(StandardCharsets.ISO_8859_1));
                  } catch (Exception e) {
                    // closed
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  @Test
  void eachSenderGoesThroughItsOwnLink() throws Exception {
    List<Integer> ports = Ports.free(3);
    try (Upstream fromN1 = new Upstream(ports.get(0));
        Upstream unknown = new Upstream(ports.get(1))) {
      Map<String, String> senders = Map.of("http://127.0.0.1:1111", "n1");
      try (PeerRouter router =
          new PeerRouter(
              "n2",
              new InetSocketAddress("127.0.0.1", ports.get(2)),
              senders::get,
              from -> "n1".equals(from) ? fromN1.address() : unknown.address())) {
        assertThat(
                send(
                    ports.get(2),
                    "POST /raft HTTP/1.1\r\nHost: x\r\nX-Peerurls: http://127.0.0.1:1111\r\n\r\n"))
            .isEqualTo("ok");
        assertThat(fromN1.heads.poll(5, TimeUnit.SECONDS))
            .contains("X-Peerurls: http://127.0.0.1:1111")
            .doesNotContain("Connection: close");

        assertThat(send(ports.get(2), "GET /raft/probing HTTP/1.1\r\nHost: x\r\n\r\n"))
            .isEqualTo("ok");
        assertThat(unknown.heads.poll(5, TimeUnit.SECONDS))
            .isEqualTo("GET /raft/probing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      }
    }
  }

  private static String send(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
