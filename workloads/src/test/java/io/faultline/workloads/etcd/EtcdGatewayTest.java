package io.faultline.workloads.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.faultline.harness.cluster.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The gateway client's HTTP and its classification of failures, against local servers that answer as scripted (real
 * sockets): whether a failed request is definite decides between {@code fail} and {@code info} in the history.
 */
class EtcdGatewayTest {

  /** A server that reads each request (head and body) and answers with {@code reply.apply(request)}, or not at all. */
  private static final class Scripted implements AutoCloseable {
    final ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();

    Scripted(Function<String, String> reply) throws IOException {
      server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread c = new Thread(() -> serve(s, reply));
                    c.setDaemon(true);
                    c.start();
                  } catch (IOException e) {
                    // closed
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    private static void serve(Socket s, Function<String, String> reply) {
      try (s) {
        InputStream in = s.getInputStream();
        while (true) {
          String request = readRequest(in);
          if (request == null) {
            return;
          }
          String answer = reply.apply(request);
          if (answer == null) {
            return; // hang up without answering
          }
          if (!answer.isEmpty()) {
            s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
          }
        }
      } catch (IOException e) {
        // client gone
      }
    }

    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
      }
      String h = head.toString(StandardCharsets.ISO_8859_1);
      int at = h.toLowerCase().indexOf("content-length:");
      int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
      return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static String ok(String json) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + json;
  }

  @Test
  void requestsShareOneKeptAliveConnectionAndReadValues() throws Exception {
    String range =
        "{\"header\":{\"revision\":\"7\"},\"kvs\":[{\"key\":\"aw==\",\"mod_revision\":\"5\",\"value\":\"NDI=\"}]}";
    try (Scripted server =
            new Scripted(r -> r.contains("\"key\":\"aw==\"") ? ok(range) : ok("{\"header\":{}}"));
        EtcdGateway gateway = new EtcdGateway(Duration.ofSeconds(5))) {
      assertThat(gateway.get(server.address(), "k", false)).isEqualTo(new EtcdGateway.Kv("42", 5));
      assertThat(gateway.get(server.address(), "absent", true))
          .isEqualTo(new EtcdGateway.Kv(null, 0));
      gateway.put(server.address(), "k", "43");
      assertThat(server.connections.get()).as("connections opened for three requests").isEqualTo(1);
    }
  }

  @Test
  void chunkedAnswersAreRead() throws Exception {
    String json = "{\"succeeded\":true}";
    String chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n"
            + json.substring(0, 5)
            + "\r\n"
            + Integer.toHexString(json.length() - 5)
            + "\r\n"
            + json.substring(5)
            + "\r\n0\r\n\r\n";
    try (Scripted server = new Scripted(r -> chunked);
        EtcdGateway gateway = new EtcdGateway(Duration.ofSeconds(5))) {
      assertThat(gateway.compareAndSet(server.address(), "k", "1", "2")).isTrue();
      assertThat(gateway.compareAndSet(server.address(), "k", "1", "2"))
          .as("on the same connection")
          .isTrue();
    }
  }

  @Test
  void aLostGuardHandsBackTheKeyAsItIsNow() throws Exception {
    String lost =
        "{\"header\":{},\"responses\":[{\"response_range\":{\"kvs\":[{\"mod_revision\":\"9\","
            + "\"value\":\"MSAy\"}]}}]}";
    try (Scripted server =
            new Scripted(
                r -> r.contains("\"mod_revision\":\"3\"") ? ok(lost) : ok("{\"succeeded\":true}"));
        EtcdGateway gateway = new EtcdGateway(Duration.ofSeconds(5))) {
      assertThat(gateway.putIfUnchanged(server.address(), "k", 3, "1 2 3"))
          .isEqualTo(new EtcdGateway.Kv("1 2", 9));
      assertThat(gateway.putIfUnchanged(server.address(), "k", 9, "1 2 3")).isNull();
    }
  }

  @Test
  void failuresBeforeProposingAreDefiniteAndOthersAreNot() throws Exception {
    String noLeader =
        "{\"error\":\"etcdserver: no leader\",\"message\":\"etcdserver: no leader\",\"code\":14}";
    String timedOut = "{\"error\":\"etcdserver: request timed out\",\"code\":14}";
    try (Scripted server =
            new Scripted(
                r ->
                    r.contains("/v3/kv/put")
                        ? "HTTP/1.1 503 Service Unavailable\r\n"
                            + "Content-Length: "
                            + noLeader.length()
                            + "\r\n\r\n"
                            + noLeader
                        : ok(timedOut));
        EtcdGateway gateway = new EtcdGateway(Duration.ofSeconds(5))) {
      EtcdException refused =
          catchThrowableOfType(() -> gateway.put(server.address(), "k", "1"), EtcdException.class);
      assertThat(refused.definite()).isTrue();
      assertThat(refused.getMessage()).isEqualTo("etcdserver: no leader");
      EtcdException unknown =
          catchThrowableOfType(
              () -> gateway.compareAndSet(server.address(), "k", "1", "2"), EtcdException.class);
      assertThat(unknown.definite()).isFalse();
      assertThat(unknown.getMessage()).isEqualTo("etcdserver: request timed out");
    }
  }

  @Test
  void aRefusedConnectionIsDefinite() {
    InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", Ports.free(1).get(0));
    try (EtcdGateway gateway = new EtcdGateway(Duration.ofSeconds(2))) {
      EtcdException e =
          catchThrowableOfType(() -> gateway.put(nobody, "k", "1"), EtcdException.class);
      assertThat(e.definite()).isTrue();
      assertThat(e.getMessage()).isEqualTo("connection refused");
    }
  }

  @Test
  void aConnectionLostOrSilentAfterSendingIsIndeterminate() throws Exception {
    try (Scripted hangsUp = new Scripted(r -> null);
        Scripted silent = new Scripted(r -> "");
        EtcdGateway gateway = new EtcdGateway(Duration.ofMillis(300))) {
      EtcdException lost =
          catchThrowableOfType(() -> gateway.put(hangsUp.address(), "k", "1"), EtcdException.class);
      assertThat(lost.definite()).isFalse();
      EtcdException timedOut =
          catchThrowableOfType(() -> gateway.put(silent.address(), "k", "1"), EtcdException.class);
      assertThat(timedOut.definite()).isFalse();
      assertThat(timedOut.getMessage()).isEqualTo("timed out");
    }
  }
}
