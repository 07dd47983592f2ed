package io.faultline.nemesis.net;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.Firewalled;
import io.faultline.harness.spi.db.HasLeader;
import io.faultline.harness.spi.db.Routable;
import io.faultline.nemesis.family.NemesisPackage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code partition} and {@code packet} fault families as {@link NemesisPackage}s. Both route the cluster through
 * one shared {@link ProxyNet}, installed when the first of them is created (before the cluster starts), and each
 * alternates a fault with its healing op.
 */
public final class NetPackages {
  private NetPackages() {}

  /**
   * Partitions of a random kind ({@link Grudge#KINDS}), a quarter of them refusals and the rest blackholes,
   * alternating with {@code stop-partition}; the final generator heals the network. The nemesis option
   * {@code partition-kinds} narrows the kinds drawn from, e.g. {@code isolate-leader+halves}.
   *
   * @throws IllegalArgumentException when the cluster's traffic cannot be routed through proxies
   */
  public static NemesisPackage partition(TestSpec spec, Db db) {
    Optional<Firewalled.Firewall> firewall = firewall(db);
    PartitionNet net =
        firewall.isPresent()
            ? new FirewallNet(firewall.get())
            : ProxyNet.acquire(routable(db, "partition"), db.nodes(), spec.toxiproxy());
    List<String> kinds = kinds(spec, "partition-kinds", Grudge.KINDS);
    Generator start =
        Generators.fn(
            ctx -> {
              String kind = kinds.get(ctx.random().nextInt(kinds.size()));
              String mode = ctx.random().nextInt(4) == 0 ? "refuse" : "blackhole";
              return Generators.invoke("start-partition", Map.of("kind", kind, "mode", mode));
            });
    return new NemesisPackage(
        PartitionFamily.FAMILY,
        new PartitionNemesis(net, db instanceof HasLeader l ? l : null, spec.seed()),
        alternate(start, "stop-partition"),
        Generators.once("stop-partition", null));
  }

  /**
   * Packet faults of a random kind ({@link PacketNemesis#KINDS}) on half the links, alternating with
   * {@code stop-packet}; the final generator removes them. The nemesis option {@code packet-kinds} narrows the kinds
   * drawn from, e.g. {@code reset-peer+limit-data}.
   *
   * @throws IllegalArgumentException when the cluster's traffic cannot be routed through proxies
   */
  public static NemesisPackage packet(TestSpec spec, Db db) {
    Optional<Firewalled.Firewall> firewall = firewall(db);
    if (firewall.isPresent()) {
      throw new IllegalArgumentException(
          "packet faults on hosts need tc netem: "
              + firewall
                  .get()
                  .whyNoPacketFaults()
                  .orElse("Faultline does not drive tc netem yet; use --net proxy"));
    }
    ProxyNet net = ProxyNet.acquire(routable(db, "packet"), db.nodes(), spec.toxiproxy());
    List<String> kinds = kinds(spec, "packet-kinds", PacketNemesis.KINDS);
    Generator start =
        Generators.fn(
            ctx ->
                Generators.invoke("start-packet", kinds.get(ctx.random().nextInt(kinds.size()))));
    return new NemesisPackage(
        PacketFamily.FAMILY,
        new PacketNemesis(net, spec.seed() + 1, db instanceof HasLeader l ? l : null),
        alternate(start, "stop-packet"),
        Generators.once("stop-packet", null));
  }

  /**
   * The kinds the spec's nemesis option {@code option} names ({@code +}-separated), or {@code all} without it.
   *
   * @throws IllegalArgumentException for a kind not in {@code all}
   */
  static List<String> kinds(TestSpec spec, String option, List<String> all) {
    String value = spec.nemesisOptions().get(option);
    if (value == null) {
      return all;
    }
    List<String> kinds = List.of(value.split("\\+"));
    for (String k : kinds) {
      if (!all.contains(k)) {
        throw new IllegalArgumentException(
            "nemesis option "
                + option
                + " takes kinds of "
                + String.join(", ", all)
                + " joined by '+', not '"
                + value
                + "'");
      }
    }
    return kinds;
  }

  /** The hosts' packet filter, where the cluster cuts links on its hosts rather than through proxies. */
  private static Optional<Firewalled.Firewall> firewall(Db db) {
    return db instanceof Firewalled f ? f.firewall() : Optional.empty();
  }

  private static Routable routable(Db db, String family) {
    if (!(db instanceof Routable r)) {
      throw new IllegalArgumentException(
          family + " faults need a cluster whose links can be routed through proxies");
    }
    return r;
  }

  private static Generator alternate(Generator fault, String heal) {
    return Generators.flipFlop(fault, Generators.repeat(Generators.invoke(heal, null)));
  }
}
