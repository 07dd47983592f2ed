package io.faultline.nemesis.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.cluster.Ports;
import io.faultline.harness.spi.db.ProxySite;
import io.faultline.harness.spi.db.Routable;
import io.faultline.nemesis.net.Grudge.Link;
import io.faultline.nemesis.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster that hosts its own Toxiproxy (as the docker backend does) gets every proxy there, and nodes and clients
 * are routed to the addresses the site names for each slot. The "site" here is Faultline's server on loopback and
 * the "nodes" are echo servers, so the bytes really pass through the proxies.
 */
class ProxyNetSiteTest {
  private static final List<String> NODES = List.of("n1", "n2", "n3");
  private final List<ServerSocket> echoes = new ArrayList<>();
  private ToxiproxyServer server;
  private ProxyNet net;

  @AfterEach
  void close() throws IOException {
    if (net != null) {
      net.close();
    }
    if (server != null) {
      server.close();
    }
    for (ServerSocket s : echoes) {
      s.close();
    }
  }

  /** A cluster of echo servers with a site of {@code slots} proxy ports on the given server. */
  private final class SiteDb implements Routable, ProxySite, ProxySite.Site {
    final Map<String, InetSocketAddress> listening = new HashMap<>();
    final List<Integer> slotPorts;
    BiFunction<String, String, InetSocketAddress> peer;
    Function<String, InetSocketAddress> client;

    SiteDb(int slots) throws IOException {
      for (String n : NODES) {
        ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        echoes.add(s);
        Thread t = new Thread(() -> echo(s), "echo-" + n);
        t.setDaemon(true);
        t.start();
        listening.put(n, new InetSocketAddress("127.0.0.1", s.getLocalPort()));
      }
      slotPorts = Ports.free(slots);
    }

    @Override
    public InetSocketAddress peerListenAddress(String node) {
      return listening.get(node);
    }

    @Override
    public InetSocketAddress clientListenAddress(String node) {
      return listening.get(node);
    }

    @Override
    public void route(
        BiFunction<String, String, InetSocketAddress> p, Function<String, InetSocketAddress> c) {
      peer = p;
      client = c;
    }

    @Override
    public Optional<Site> toxiproxySite() {
      return Optional.of(this);
    }

    @Override
    public String api() {
      return server.host() + ":" + server.port();
    }

    @Override
    public int slots() {
      return slotPorts.size();
    }

    @Override
    public String listen(int slot) {
      return "127.0.0.1:" + slotPorts.get(slot);
    }

    @Override
    public InetSocketAddress forNodes(int slot) {
      return new InetSocketAddress("127.0.0.1", slotPorts.get(slot));
    }

    @Override
    public InetSocketAddress forClients(int slot) {
      return InetSocketAddress.createUnresolved("localhost", slotPorts.get(slot));
    }
  }

  private static void echo(ServerSocket s) {
    while (!s.isClosed()) {
      try (Socket c = s.accept();
          InputStream in = c.getInputStream();
          OutputStream out = c.getOutputStream()) {
        for (int b; (b = in.read()) >= 0; ) {
          out.write(b);
          out.flush();
        }
      } catch (IOException e) {
        // next connection, or closed
      }
    }
  }

  private static int roundTrip(InetSocketAddress a) throws IOException {
    try (Socket s = new Socket(a.getHostString(), a.getPort())) {
      s.getOutputStream().write(42);
      s.getOutputStream().flush();
      return s.getInputStream().read();
    }
  }

  @Test
  void everyLinkGoesThroughTheSitesSlotsAndCutsApplyThere() throws IOException {
    server = ToxiproxyServer.onFreePort().start();
    SiteDb db = new SiteDb(NODES.size() * NODES.size());

    net = ProxyNet.install(db, NODES, null);

    assertThat(db.peer.apply("n1", "n2")).isEqualTo(db.forNodes(0));
    assertThat(db.client.apply("n1")).isEqualTo(db.forClients(6));
    assertThat(roundTrip(db.peer.apply("n3", "n1"))).as("n3->n1 through its proxy").isEqualTo(42);
    assertThat(roundTrip(db.client.apply("n2"))).as("client->n2 through its proxy").isEqualTo(42);

    net.cut(new Link("n1", "n2"), true);

    assertThatThrownBy(() -> roundTrip(db.peer.apply("n1", "n2")))
        .as("n1->n2 refused")
        .isInstanceOf(IOException.class);
    assertThat(roundTrip(db.peer.apply("n2", "n1"))).as("n2->n1 still open").isEqualTo(42);
  }

  @Test
  void aSiteWithTooFewSlotsIsRefusedInOneLine() throws IOException {
    server = ToxiproxyServer.onFreePort().start();
    SiteDb db = new SiteDb(4);

    assertThatThrownBy(() -> ProxyNet.install(db, NODES, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the cluster's Toxiproxy has 4 proxy slots, not 9");
  }

  @Test
  void aToxiproxyOfTheUsersOwnCannotBeCombinedWithASite() throws IOException {
    server = ToxiproxyServer.onFreePort().start();
    SiteDb db = new SiteDb(9);

    assertThatThrownBy(() -> ProxyNet.install(db, NODES, "127.0.0.1:8474"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cluster docker");
  }
}
