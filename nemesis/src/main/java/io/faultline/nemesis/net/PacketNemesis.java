package io.faultline.nemesis.net;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.nemesis.family.Targets;
import io.faultline.nemesis.net.Grudge.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Packet faults on some links through {@link ProxyNet}: {@code start-packet} with a kind puts one toxic on a random
 * half of the directed node links, both ways, and on the replies of a random half of the client links
 * ({@code client->n1}); {@code stop-packet} heals every link. On a client link only replies are hit, so requests
 * arrive and are applied while their answers are late, cut or lost: what makes a client retry an operation that was
 * already applied. Kinds:
 *
 * <ul>
 *   <li>{@code latency}: 50 ms ± 25 ms per chunk;
 *   <li>{@code lag}: 500 ms ± 400 ms per chunk, longer than an election: the hit links fall far behind the others,
 *       so that a message arrives after the term it belongs to has ended (a vote granted, an append acknowledged);
 *   <li>{@code bandwidth}: 32 KB/s;
 *   <li>{@code slicer}: bytes in slices of about 16 bytes, 50 µs apart;
 *   <li>{@code limit-data}: connections closed after 64 KiB;
 *   <li>{@code reset-peer}: connections reset after 200 ms.
 * </ul>
 *
 * <p>{@code start-packet} with {@code {"kind": k, "client-links": "leader"}} puts the toxic on the replies of the
 * leader's client link only (the leader at that moment, when the cluster can say), and on no node link.
 *
 * <p>{@code start-packet} with {@code {"kind": k, "node-links": "all"}} puts the toxic on every directed node link,
 * both ways, and on no client link: every message between nodes is hit, and clients are not.
 *
 * <p>{@code start-packet} with {@code {"kind": "latency", "from": node, "delay-ms": ms}} delays every message that
 * {@code node} sends to another node by exactly {@code ms} (no jitter), and nothing else: the node hears its peers at
 * once while they hear it late, for schedules that need a message to arrive at a chosen moment.
 */
public final class PacketNemesis implements Nemesis {
  /** The kinds {@code start-packet} takes. */
  public static final List<String> KINDS =
      List.of("latency", "lag", "bandwidth", "slicer", "limit-data", "reset-peer");

  private final ProxyNet net;
  private final SplittableRandom rnd;
  private final HasLeader leaders;

  public PacketNemesis(ProxyNet net, long seed) {
    this(net, seed, null);
  }

  /** @param leaders where to ask who leads, for faults on the leader's client link; null when the cluster cannot say */
  public PacketNemesis(ProxyNet net, long seed, HasLeader leaders) {
    this.net = net;
    this.rnd = new SplittableRandom(seed);
    this.leaders = leaders;
  }

  @Override
  public Set<String> fs() {
    return Set.of("start-packet", "stop-packet");
  }

  @Override
  public synchronized Op invoke(Op op) throws Exception {
    return switch (op.f()) {
      case "start-packet" -> startPacket(op);
      case "stop-packet" -> {
        net.healPackets();
        yield op.withValue("healed");
      }
      default -> throw new IllegalArgumentException("the packet nemesis has no op " + op.f());
    };
  }

  private Op startPacket(Op op) throws Exception {
    if (!(op.value() instanceof Map<?, ?> m)) {
      return start(op, String.valueOf(op.value()));
    }
    String kind = String.valueOf(m.get("kind"));
    if (Targets.LEADER.equals(m.get("client-links"))) {
      return leaderReplies(op, kind);
    }
    if ("all".equals(m.get("node-links"))) {
      return allNodeLinks(op, kind);
    }
    if (m.get("from") != null && m.get("delay-ms") instanceof Number ms && "latency".equals(kind)) {
      return delayFrom(op, String.valueOf(m.get("from")), ms.longValue());
    }
    throw new IllegalArgumentException(
        "start-packet takes a kind, or {kind, client-links: leader}, or"
            + " {kind, node-links: all}, or {kind: latency, from, delay-ms}; not "
            + m);
  }

  private static void checkKind(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "unknown packet fault '" + kind + "'; kinds: " + String.join(", ", KINDS));
    }
  }

  private Op start(Op op, String kind) throws Exception {
    checkKind(kind);
    net.healPackets();
    List<Link> all = new ArrayList<>(net.links());
    List<String> chosen = new ArrayList<>();
    for (Link link : all) {
      if (rnd.nextBoolean()) {
        Proxy p = net.link(link);
        for (ToxicDirection d : ToxicDirection.values()) {
          add(p, kind, d);
        }
        chosen.add(link.toString());
      }
    }
    for (String node : net.nodes()) {
      if (rnd.nextBoolean()) {
        add(net.clientLink(node), kind, ToxicDirection.DOWNSTREAM);
        chosen.add("client->" + node);
      }
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("kind", kind);
    value.put("links", chosen);
    return op.withValue(value);
  }

  /** The toxic of {@code kind} on the replies of the leader's client link only. */
  private Op leaderReplies(Op op, String kind) throws Exception {
    checkKind(kind);
    String leader = Targets.leader(leaders);
    net.healPackets();
    add(net.clientLink(leader), kind, ToxicDirection.DOWNSTREAM);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("kind", kind);
    value.put("links", List.of("client->" + leader));
    return op.withValue(value);
  }

  /** The toxic of {@code kind} on every directed node link, both ways, and on no client link. */
  private Op allNodeLinks(Op op, String kind) throws Exception {
    checkKind(kind);
    net.healPackets();
    List<String> chosen = new ArrayList<>();
    for (Link link : net.links()) {
      Proxy p = net.link(link);
      for (ToxicDirection d : ToxicDirection.values()) {
        add(p, kind, d);
      }
      chosen.add(link.toString());
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("kind", kind);
    value.put("links", chosen);
    return op.withValue(value);
  }

  /** A fixed delay on every message {@code from} sends to a peer: the upstream of its outbound node links. */
  private Op delayFrom(Op op, String from, long ms) throws Exception {
    if (!net.nodes().contains(from)) {
      throw new IllegalArgumentException(
          "start-packet names node " + from + ", not one of " + net.nodes());
    }
    net.healPackets();
    List<String> chosen = new ArrayList<>();
    for (Link link : net.links()) {
      if (link.from().equals(from)) {
        net.link(link).toxics().latency("packet-delay-upstream", ToxicDirection.UPSTREAM, ms);
        chosen.add(link.toString());
      }
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("kind", "latency");
    value.put("delay-ms", ms);
    value.put("links", chosen);
    return op.withValue(value);
  }

  private static void add(Proxy p, String kind, ToxicDirection d) throws java.io.IOException {
    String name = "packet-" + kind + "-" + d.name().toLowerCase(java.util.Locale.ROOT);
    switch (kind) {
      case "latency" -> p.toxics().latency(name, d, 50).setJitter(25);
      case "lag" -> p.toxics().latency(name, d, 500).setJitter(400);
      case "bandwidth" -> p.toxics().bandwidth(name, d, 32);
      case "slicer" -> p.toxics().slicer(name, d, 16, 50).setSizeVariation(8);
      case "limit-data" -> p.toxics().limitData(name, d, 64 * 1024);
      case "reset-peer" -> p.toxics().resetPeer(name, d, 200);
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** Heals this family's faults and gives the proxies back; the last network nemesis to finish closes them. */
  @Override
  public void teardown() throws Exception {
    try {
      net.healPackets();
    } finally {
      net.release();
    }
  }
}
