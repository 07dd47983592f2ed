package io.faultline.harness.cluster.ssh;

import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.Firewalled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions as iptables rules on the nodes' hosts, as Jepsen's {@code net/iptables} does: node {@code to} drops the
 * packets from the address of each node in its grudge. The rules live in a chain of Faultline's own,
 * {@value #CHAIN}, jumped to from the top of {@code INPUT}; the host's other rules are never touched.
 *
 * <p>Each host's whole rule set is replaced in one {@code iptables-restore --noflush} transaction (declaring the chain
 * flushes it within the same commit), so a link cut before and after a change never heals in between. The hosts are
 * set in parallel, and {@link #apply} returns when every host has committed: the partition is then in force. Healing
 * flushes the chain; {@link #remove} deletes the jump and the chain.
 */
final class Iptables implements Firewalled.Firewall {
  private static final Logger LOG = LoggerFactory.getLogger(Iptables.class);

  /** Faultline's chain on each host. */
  static final String CHAIN = "FAULTLINE";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Creates the chain and the jump to it, unless there already. */
  static final String INSTALL =
      "iptables -w -N "
          + CHAIN
          + " 2>/dev/null; iptables -w -C INPUT -j "
          + CHAIN
          + " 2>/dev/null || iptables -w -I INPUT 1 -j "
          + CHAIN;

  /** Deletes every jump to the chain, then the chain; nothing when there is none. */
  static final String REMOVE =
      "while iptables -w -D INPUT -j "
          + CHAIN
          + " 2>/dev/null; do :; done; iptables -w -F "
          + CHAIN
          + " 2>/dev/null; iptables -w -X "
          + CHAIN
          + " 2>/dev/null; true";

  private final List<String> nodes;
  private final Supplier<Map<String, SshHost>> hosts;
  private final Map<String, String> ips;
  private final ExecutorService pool;
  private final Supplier<Optional<String>> whyNoNetem;
  private boolean installed;

  /**
   * @param nodes the nodes, in order
   * @param hosts each node's host connection, by node, connected on first use
   * @param ips where the other nodes reach each node (the source address of its packets), by node
   * @param whyNoNetem why the hosts cannot take packet faults, or empty; asked on first use
   */
  Iptables(
      List<String> nodes,
      Supplier<Map<String, SshHost>> hosts,
      Map<String, String> ips,
      ExecutorService pool,
      Supplier<Optional<String>> whyNoNetem) {
    this.nodes = List.copyOf(nodes);
    this.hosts = hosts;
    this.ips = Map.copyOf(ips);
    this.pool = pool;
    this.whyNoNetem = whyNoNetem;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public synchronized void apply(Map<String, Set<String>> drops, boolean refuse) {
    if (!installed) {
      everyHost(n -> INSTALL, "cannot create the iptables chain " + CHAIN);
      installed = true;
    }
    long t0 = System.nanoTime();
    everyHost(n -> restore(drops.getOrDefault(n, Set.of()), refuse), "cannot set iptables rules");
    LOG.info(
        "iptables: {} in force on every host after {} ms",
        drops,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** The rule set of a host that drops the packets of {@code froms}, as {@code iptables-restore} input. */
  String rules(Set<String> froms, boolean refuse) {
    StringBuilder sb = new StringBuilder("*filter\n:" + CHAIN + " - [0:0]\n");
    for (String from : froms) {
      String src = "-A " + CHAIN + " -s " + ips.get(from);
      if (refuse) {
        sb.append(src).append(" -p tcp -j REJECT --reject-with tcp-reset\n");
        sb.append(src).append(" -j REJECT\n");
      } else {
        sb.append(src).append(" -j DROP\n");
      }
    }
    return sb.append("COMMIT\n").toString();
  }

  private String restore(Set<String> froms, boolean refuse) {
    return "printf '%s' " + Shell.quote(rules(froms, refuse)) + " | iptables-restore -w --noflush";
  }

  /** Runs a root command on every host at once; fails, naming the hosts, when any fails. */
  private void everyHost(java.util.function.Function<String, String> command, String what) {
    Map<String, Future<SshHost.Result>> runs = new LinkedHashMap<>();
    Map<String, SshHost> hs = hosts.get();
    hs.forEach(
        (n, h) -> runs.put(n, pool.submit(() -> h.runAsRoot(command.apply(n), null, TIMEOUT))));
    List<String> failures = new ArrayList<>();
    runs.forEach(
        (n, f) -> {
          try {
            SshHost.Result r = f.get();
            if (!r.ok()) {
              failures.add("host " + hs.get(n).host() + ": " + what + ": " + r.firstLine());
            }
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause().getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
          }
        });
    if (!failures.isEmpty()) {
      throw new DbException(String.join("\n", failures));
    }
  }

  /** Deletes the chain on every host (the teardown); failures are logged, not thrown. */
  synchronized void remove() {
    try {
      everyHost(n -> REMOVE, "cannot remove the iptables chain " + CHAIN);
    } catch (DbException e) {
      LOG.warn("{}", e.getMessage());
    }
    installed = false;
  }

  @Override
  public synchronized Optional<String> whyNoPacketFaults() {
    return whyNoNetem.get();
  }
}
