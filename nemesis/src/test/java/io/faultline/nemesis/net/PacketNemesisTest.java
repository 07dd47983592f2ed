package io.faultline.nemesis.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.db.Routable;
import io.faultline.nemesis.net.Grudge.Link;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which links the packet nemesis puts its toxics on, read back from Faultline's own Toxiproxy server. */
class PacketNemesisTest {
  private static final List<String> NODES = List.of("n1", "n2", "n3");
  private ProxyNet net;

  @AfterEach
  void close() {
    if (net != null) {
      net.close();
    }
  }

  /** A cluster that is never started: the proxies only need addresses to point at. */
  private static final class Unstarted implements Routable {
    @Override
    public InetSocketAddress peerListenAddress(String node) {
      return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public InetSocketAddress clientListenAddress(String node) {
      return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public void route(
        BiFunction<String, String, InetSocketAddress> peer,
        Function<String, InetSocketAddress> client) {
      // nothing to start
    }
  }

  private int toxics(Link link) throws IOException {
    return net.link(link).toxics().getAll().size();
  }

  @Test
  void onAllNodeLinksEveryNodeLinkGetsTheToxicBothWaysAndNoClientLinkDoes() throws Exception {
    net = ProxyNet.install(new Unstarted(), NODES, null);
    PacketNemesis nemesis = new PacketNemesis(net, 1);

    Op done =
        nemesis.invoke(
            Op.invoke(Op.NEMESIS, "start-packet", Map.of("kind", "latency", "node-links", "all")));

    assertThat((List<?>) ((Map<?, ?>) done.value()).get("links")).hasSize(6);
    for (Link link : net.links()) {
      assertThat(toxics(link)).as("toxics on %s", link).isEqualTo(2);
    }
    for (String node : NODES) {
      assertThat(net.clientLink(node).toxics().getAll()).as("toxics on client->%s", node).isEmpty();
    }

    nemesis.invoke(Op.invoke(Op.NEMESIS, "stop-packet", null));

    for (Link link : net.links()) {
      assertThat(toxics(link)).as("toxics on %s after stop-packet", link).isZero();
    }
  }

  @Test
  void aDelayFromOneNodeHitsOnlyWhatItSendsToItsPeers() throws Exception {
    net = ProxyNet.install(new Unstarted(), NODES, null);
    PacketNemesis nemesis = new PacketNemesis(net, 1);

    Op done =
        nemesis.invoke(
            Op.invoke(
                Op.NEMESIS,
                "start-packet",
                Map.of("kind", "latency", "from", "n2", "delay-ms", 2900)));

    assertThat(((Map<?, ?>) done.value()).get("links")).isEqualTo(List.of("n2->n1", "n2->n3"));
    for (Link link : net.links()) {
      var toxics = net.link(link).toxics().getAll();
      if (link.from().equals("n2")) {
        assertThat(toxics).as("toxics on %s", link).hasSize(1);
        assertThat(toxics.get(0).getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(((Latency) toxics.get(0)).getLatency()).isEqualTo(2900);
        assertThat(((Latency) toxics.get(0)).getJitter()).isZero();
      } else {
        assertThat(toxics).as("toxics on %s", link).isEmpty();
      }
    }
    assertThatThrownBy(
            () ->
                nemesis.invoke(
                    Op.invoke(
                        Op.NEMESIS,
                        "start-packet",
                        Map.of("kind", "latency", "from", "n9", "delay-ms", 10))))
        .hasMessage("start-packet names node n9, not one of [n1, n2, n3]");
  }

  @Test
  void aValueOfAnotherShapeIsRefusedInOneLine() {
    net = ProxyNet.install(new Unstarted(), NODES, null);
    PacketNemesis nemesis = new PacketNemesis(net, 1);

    assertThatThrownBy(
            () ->
                nemesis.invoke(
                    Op.invoke(
                        Op.NEMESIS,
                        "start-packet",
                        Map.of("kind", "latency", "node-links", "some"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "start-packet takes a kind, or {kind, client-links: leader}, or {kind, node-links: all}");
    assertThatThrownBy(
            () ->
                nemesis.invoke(
                    Op.invoke(
                        Op.NEMESIS, "start-packet", Map.of("kind", "jitter", "node-links", "all"))))
        .hasMessageStartingWith("unknown packet fault 'jitter'");
  }
}
