package io.faultline.nemesis.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives every call of the {@code toxiproxy-java} client against our server, and checks what the toxics do to real
 * bytes going through real sockets to a real echo server.
 */
class ToxiproxyClientTest {
  private static ToxiproxyServer server;
  private static TcpTestServer echo;

  /** A fresh client per test: a client remembers its proxies and refreshes them all on {@code reset()}. */
  private ToxiproxyClient client;

  private Proxy proxy;

  @BeforeAll
  static void startServers() throws IOException {
    server = ToxiproxyServer.onFreePort().start();
    echo = TcpTestServer.echo();
  }

  @AfterAll
  static void stopServers() throws IOException {
    server.close();
    echo.close();
  }

  @BeforeEach
  void createProxy() throws IOException {
    client = new ToxiproxyClient(server.host(), server.port());
    proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
  }

  @AfterEach
  void deleteProxies() throws IOException {
    for (Proxy p : client.getProxies()) {
      p.delete();
    }
  }

  @Test
  void createGetListAndDeleteAProxy() throws IOException {
    assertThat(proxy.getName()).isEqualTo("echo");
    assertThat(proxy.getListen()).startsWith("127.0.0.1:").doesNotEndWith(":0");
    assertThat(proxy.getUpstream()).isEqualTo(echo.address());
    assertThat(proxy.isEnabled()).isTrue();
    assertThat(client.getProxy("echo").getListen()).isEqualTo(proxy.getListen());
    assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo");
    assertThat(client.getProxyOrNull("missing")).isNull();
    assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", echo.address()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("proxy already exists");

    try (Socket socket = Wire.connect(proxy.getListen())) {
      byte[] data = Wire.randomBytes(100_000);
      assertThat(Wire.roundTrip(socket, data)).isEqualTo(data);
      proxy.delete();
      assertThat(Wire.awaitClosed(socket)).as("a deleted proxy closes its connections").isTrue();
    }
    assertThat(client.getProxyOrNull("echo")).isNull();
    assertThatThrownBy(() -> Wire.connect(proxy.getListen())).isInstanceOf(ConnectException.class);
  }

  @Test
  void aDisabledProxyRefusesNewConnectionsAndClosesTheOnesItHas() throws IOException {
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(Wire.roundTrip(socket, bytes("ping"))).isEqualTo(bytes("ping"));
      proxy.disable();
      assertThat(proxy.isEnabled()).isFalse();
      assertThat(Wire.awaitClosed(socket)).isTrue();
    }
    assertThatThrownBy(() -> Wire.connect(proxy.getListen())).isInstanceOf(ConnectException.class);
    assertThat(client.getProxy("echo").isEnabled()).isFalse();

    proxy.enable();
    assertThat(proxy.isEnabled()).isTrue();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(Wire.roundTrip(socket, bytes("pong"))).isEqualTo(bytes("pong"));
    }
  }

  @Test
  void newAddressesRestartTheProxyAndDropItsConnections() throws IOException {
    try (TcpTestServer other = TcpTestServer.echo();
        Socket socket = Wire.connect(proxy.getListen())) {
      String oldListen = proxy.getListen();
      proxy.setListen("127.0.0.1:0");
      assertThat(proxy.getListen()).isNotEqualTo(oldListen).doesNotEndWith(":0");
      assertThat(Wire.awaitClosed(socket)).isTrue();

      proxy.setUpstream(other.address());
      assertThat(proxy.getUpstream()).isEqualTo(other.address());
      try (Socket again = Wire.connect(proxy.getListen())) {
        assertThat(Wire.roundTrip(again, bytes("hello"))).isEqualTo(bytes("hello"));
      }
      assertThat(other.accepted()).isEqualTo(1);
    }
  }

  @Test
  void latencyDelaysEachDirectionByAtLeastTheLatency() throws IOException {
    Latency latency = proxy.toxics().latency("lag", DOWNSTREAM, 150);
    assertThat(latency.getLatency()).isEqualTo(150);
    assertThat(latency.getJitter()).isZero();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(millisToRoundTrip(socket, 1000)).isGreaterThanOrEqualTo(150);
    }
    latency.setLatency(100).setJitter(20);
    Latency read = proxy.toxics().get("lag", Latency.class);
    assertThat(read.getLatency()).isEqualTo(100);
    assertThat(read.getJitter()).isEqualTo(20);

    proxy.toxics().latency("lag-up", UPSTREAM, 100);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(millisToRoundTrip(socket, 1000)).isGreaterThanOrEqualTo(100 - 20 + 100);
    }
  }

  @Test
  void bandwidthThrottlesTheStream() throws IOException {
    Bandwidth bandwidth = proxy.toxics().bandwidth("slow", DOWNSTREAM, 100);
    assertThat(bandwidth.getRate()).isEqualTo(100);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      // 30 KB at 100 KB/s takes 300 ms.
      assertThat(millisToRoundTrip(socket, 30_000)).isGreaterThanOrEqualTo(250);
    }
    bandwidth.setRate(10_000);
    assertThat(bandwidth.getRate()).isEqualTo(10_000);
    assertThat(proxy.toxics().get("slow", Bandwidth.class).getRate()).isEqualTo(10_000);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      byte[] data = Wire.randomBytes(100_000);
      assertThat(Wire.roundTrip(socket, data)).isEqualTo(data);
    }
  }

  @Test
  void slowCloseDelaysTheClose() throws IOException {
    byte[] greeting = bytes("hello and goodbye");
    try (TcpTestServer greeter = TcpTestServer.greetAndClose(greeting)) {
      proxy.setUpstream(greeter.address());
      SlowClose slowClose = proxy.toxics().slowClose("linger", DOWNSTREAM, 300);
      assertThat(slowClose.getDelay()).isEqualTo(300);
      try (Socket socket = Wire.connect(proxy.getListen())) {
        long start = System.nanoTime();
        assertThat(Wire.readExactly(socket, greeting.length)).isEqualTo(greeting);
        assertThat(Wire.awaitClosed(socket)).isTrue();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
      }
      slowClose.setDelay(0);
      assertThat(proxy.toxics().get("linger", SlowClose.class).getDelay()).isZero();
    }
  }

  @Test
  void timeoutZeroIsABlackholeUntilRemovedAndRemovalCloses() throws IOException {
    Timeout timeout = proxy.toxics().timeout("hole", UPSTREAM, 0);
    assertThat(timeout.getTimeout()).isZero();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      socket.getOutputStream().write(bytes("lost"));
      assertThat(Wire.staysSilent(socket, Duration.ofMillis(300))).isTrue();
      timeout.remove();
      assertThat(Wire.awaitClosed(socket))
          .as("removing a timeout toxic closes its connections")
          .isTrue();
    }
    assertThat(proxy.toxics().getAll()).isEmpty();
  }

  @Test
  void timeoutAboveZeroClosesTheConnectionAfterTheTimeout() throws IOException {
    Timeout timeout = proxy.toxics().timeout("cut", DOWNSTREAM, 1000);
    timeout.setTimeout(200);
    assertThat(timeout.getTimeout()).isEqualTo(200);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      long start = System.nanoTime();
      socket.getOutputStream().write(bytes("dropped"));
      assertThat(Wire.readToEnd(socket)).isEmpty();
      assertThat(millisSince(start)).isGreaterThanOrEqualTo(150);
    }
  }

  @Test
  void resetPeerResetsTheConnection() throws IOException {
    ResetPeer reset = proxy.toxics().resetPeer("rst", UPSTREAM, 50);
    assertThat(reset.getTimeout()).isEqualTo(50);
    reset.setTimeout(100);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      socket.getOutputStream().write(bytes("boom"));
      assertThatThrownBy(() -> Wire.readToEnd(socket))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void slicerDeliversEveryByteInSmallDelayedSlices() throws IOException {
    Slicer slicer = proxy.toxics().slicer("slices", DOWNSTREAM, 10, 1000);
    slicer.setSizeVariation(3);
    assertThat(slicer.getAverageSize()).isEqualTo(10);
    assertThat(slicer.getSizeVariation()).isEqualTo(3);
    assertThat(slicer.getDelay()).isEqualTo(1000);
    slicer.setAverageSize(8).setDelay(2000);
    assertThat(proxy.toxics().get("slices", Slicer.class).getDelay()).isEqualTo(2000);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      // 200 bytes in slices of 5 to 11 bytes, 2 ms apart: at least 18 gaps.
      assertThat(millisToRoundTrip(socket, 200)).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void limitDataClosesTheConnectionAfterThatManyBytes() throws IOException {
    LimitData limit = proxy.toxics().limitData("cap", DOWNSTREAM, 50);
    limit.setBytes(100);
    assertThat(limit.getBytes()).isEqualTo(100);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      byte[] data = Wire.randomBytes(300);
      socket.getOutputStream().write(data);
      byte[] received = Wire.readToEnd(socket);
      assertThat(received).hasSize(100).isEqualTo(Arrays.copyOf(data, 100));
    }
  }

  @Test
  void changingToxicsMidStreamLosesAndReordersNothing() throws IOException {
    Bandwidth stall = proxy.toxics().bandwidth("stall", DOWNSTREAM, 0);
    Latency latency = proxy.toxics().latency("lag", DOWNSTREAM, 100);
    try (Socket socket = Wire.connect(proxy.getListen())) {
      byte[] first = Wire.randomBytes(20_000);
      socket.getOutputStream().write(first);
      assertThat(Wire.staysSilent(socket, Duration.ofMillis(200))).as("rate 0 stalls").isTrue();
      stall.setRate(1_000);
      latency.remove();
      byte[] second = Wire.randomBytes(20_000);
      socket.getOutputStream().write(second);
      assertThat(Wire.readExactly(socket, first.length)).isEqualTo(first);
      assertThat(Wire.readExactly(socket, second.length)).isEqualTo(second);
      stall.remove();
      assertThat(Wire.roundTrip(socket, first)).isEqualTo(first);
    }
  }

  @Test
  void toxicityZeroMeansTheToxicDoesNothing() throws IOException {
    Latency latency = proxy.toxics().latency("maybe", DOWNSTREAM, 3000);
    latency.setToxicity(0f);
    assertThat(latency.getToxicity()).isZero();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(millisToRoundTrip(socket, 100)).isLessThan(1500);
    }
    latency.setToxicity(1f);
    assertThat(proxy.toxics().get("maybe").getToxicity()).isEqualTo(1f);
  }

  @Test
  void toxicsAreListedUpstreamFirstAndCanBeRemoved() throws IOException {
    proxy.toxics().latency("down-1", DOWNSTREAM, 1);
    proxy.toxics().bandwidth("up-1", UPSTREAM, 1000);
    proxy.toxics().limitData("down-2", DOWNSTREAM, 1_000_000);
    proxy.toxics().resetPeer("up-2", UPSTREAM, 10_000);
    proxy.toxics().slowClose("down-3", DOWNSTREAM, 1);
    assertThat(proxy.toxics().getAll())
        .extracting(Toxic::getName)
        .containsExactly("up-1", "up-2", "down-1", "down-2", "down-3");
    assertThat(proxy.toxics().get("up-1").getStream()).isEqualTo(UPSTREAM);
    assertThat(proxy.toxics().get("down-2")).isInstanceOf(LimitData.class);
    assertThatThrownBy(() -> proxy.toxics().latency("down-1", UPSTREAM, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("toxic already exists");
    assertThatThrownBy(() -> proxy.toxics().get("nope"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("toxic not found");
    for (Toxic t : proxy.toxics().getAll()) {
      t.remove();
    }
    assertThat(proxy.toxics().getAll()).isEmpty();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(Wire.roundTrip(socket, bytes("clean"))).isEqualTo(bytes("clean"));
    }
  }

  @Test
  void resetReenablesEveryProxyAndRemovesEveryToxic() throws IOException {
    proxy.toxics().timeout("hole", DOWNSTREAM, 0);
    proxy.disable();
    client.reset();
    assertThat(proxy.isEnabled()).as("the client refreshes its proxies after a reset").isTrue();
    assertThat(client.getProxy("echo").toxics().getAll()).isEmpty();
    try (Socket socket = Wire.connect(proxy.getListen())) {
      assertThat(Wire.roundTrip(socket, bytes("back"))).isEqualTo(bytes("back"));
    }
  }

  @Test
  void versionIsTheToxiproxyApiVersion() throws IOException {
    assertThat(client.version()).contains("2.12.0");
  }

  private static long millisToRoundTrip(Socket socket, int size) throws IOException {
    byte[] data = Wire.randomBytes(size);
    long start = System.nanoTime();
    assertThat(Wire.roundTrip(socket, data)).isEqualTo(data);
    return millisSince(start);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
