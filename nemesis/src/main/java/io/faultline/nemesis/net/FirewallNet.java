package io.faultline.nemesis.net;

import io.faultline.harness.spi.db.Firewalled;
import io.faultline.nemesis.net.Grudge.Link;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Partitions as packet-filter rules on the nodes' hosts ({@link Firewalled.Firewall}, e.g. iptables over SSH): each
 * change of the cut links is one {@link Firewalled.Firewall#apply} of the whole grudge, in force on every host when it
 * returns. Connections are refused or dropped for the whole grudge at once, as the last change said.
 */
final class FirewallNet implements PartitionNet {
  private final Firewalled.Firewall firewall;
  private final Set<Link> cut = new HashSet<>();
  private boolean refuse;

  FirewallNet(Firewalled.Firewall firewall) {
    this.firewall = firewall;
  }

  @Override
  public List<String> nodes() {
    return firewall.nodes();
  }

  @Override
  public synchronized void cut(Link link, boolean refuse) {
    Set<Link> after = new HashSet<>(cut);
    after.add(link);
    switchTo(cut, after, refuse);
  }

  @Override
  public synchronized void heal(Link link) {
    Set<Link> after = new HashSet<>(cut);
    after.remove(link);
    switchTo(cut, after, refuse);
  }

  @Override
  public synchronized void healPartitions() {
    switchTo(cut, Set.of(), false);
  }

  /** Nothing to give back: the backend removes its chain at teardown. */
  @Override
  public void release() {}

  @Override
  public synchronized void switchTo(Set<Link> before, Set<Link> after, boolean refuse) {
    Map<String, Set<String>> drops = new TreeMap<>();
    for (Link l : after) {
      drops.computeIfAbsent(l.to(), k -> new HashSet<>()).add(l.from());
    }
    firewall.apply(drops, refuse);
    Set<Link> now = Set.copyOf(after);
    cut.clear();
    cut.addAll(now);
    this.refuse = refuse;
  }
}
