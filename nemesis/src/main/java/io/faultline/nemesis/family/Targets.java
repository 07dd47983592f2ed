package io.faultline.nemesis.family;

import io.faultline.harness.spi.db.HasLeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Which nodes a fault hits. A fault op names its nodes either as a list ({@code ["n2","n3"]}), which the generators
 * emit so that the history and the seed say exactly who was hit, or as a target kind, which a nemesis resolves when the
 * op arrives (handy for final generators: {@code start} with {@code "all"}).
 *
 * <p>Target kinds, as in Jepsen's {@code db-nemesis}: {@code one} random node, a {@code minority} (the largest strict
 * minority, at least one node), a {@code majority}, or {@code all}.
 */
public final class Targets {
  /** The name that ops aimed at the leader use in place of a node, resolved when the op arrives. */
  public static final String LEADER = "leader";

  /** The name that ops aimed at every node but the leader use, resolved when the op arrives. */
  public static final String FOLLOWERS = "followers";

  /** The target kinds, in the order generators draw from. */
  public static final List<String> KINDS = List.of("one", "minority", "majority", "all");

  private Targets() {}

  /**
   * {@code count} distinct nodes of {@code nodes}, drawn with {@code random}, in the order of {@code nodes} (so a
   * recorded value reads the same for the same choice).
   */
  public static List<String> pick(List<String> nodes, int count, RandomGenerator random) {
    List<String> shuffled = new ArrayList<>(nodes);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
    }
    List<String> chosen = shuffled.subList(0, Math.min(count, shuffled.size()));
    return nodes.stream().filter(chosen::contains).toList();
  }

  /** A random non-empty subset of {@code nodes}: Jepsen's {@code random-nonempty-subset}. */
  public static List<String> someNodes(List<String> nodes, RandomGenerator random) {
    return pick(nodes, 1 + random.nextInt(nodes.size()), random);
  }

  /** The nodes of target {@code kind}, drawn with {@code random}. */
  public static List<String> of(String kind, List<String> nodes, RandomGenerator random) {
    int n = nodes.size();
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "one" -> pick(nodes, 1, random);
      case "minority" -> pick(nodes, Math.max(1, (n - 1) / 2), random);
      case "majority" -> pick(nodes, n / 2 + 1, random);
      case "all" -> List.copyOf(nodes);
      default ->
          throw new IllegalArgumentException(
              "unknown target '"
                  + kind
                  + "'; targets: "
                  + String.join(", ", KINDS)
                  + ", or a list of nodes");
    };
  }

  /**
   * The node that leads now, for ops aimed at {@value #LEADER}.
   *
   * @param leaders the cluster's view of its leader; {@code null} when it cannot say
   * @throws IllegalStateException when no node leads or the cluster cannot say
   */
  public static String leader(HasLeader leaders) {
    if (leaders == null) {
      throw new IllegalStateException("this cluster cannot say which node leads");
    }
    return leaders.leader().orElseThrow(() -> new IllegalStateException("no node leads now"));
  }

  /** A random target kind's nodes: what the process generators hit. */
  public static List<String> random(List<String> nodes, RandomGenerator random) {
    return of(KINDS.get(random.nextInt(KINDS.size())), nodes, random);
  }

  /**
   * The nodes an op's {@code value} names: a collection of node names, or a target kind resolved with {@code random};
   * {@code null} means all.
   *
   * @throws IllegalArgumentException for an unknown node or kind
   */
  public static List<String> resolve(Object value, List<String> nodes, RandomGenerator random) {
    return resolve(value, nodes, random, null);
  }

  /**
   * As {@link #resolve(Object, List, RandomGenerator)}, and {@value #LEADER} names the node that leads now,
   * {@value #FOLLOWERS} every other node.
   *
   * @param leaders the cluster's view of its leader; {@code null} when it cannot say
   * @throws IllegalStateException for {@value #LEADER} or {@value #FOLLOWERS} when no node leads or the cluster
   *     cannot say
   */
  public static List<String> resolve(
      Object value, List<String> nodes, RandomGenerator random, HasLeader leaders) {
    if (LEADER.equals(value)) {
      return List.of(leader(leaders));
    }
    if (FOLLOWERS.equals(value)) {
      String leader = leader(leaders);
      return nodes.stream().filter(n -> !n.equals(leader)).toList();
    }
    if (value == null) {
      return List.copyOf(nodes);
    }
    if (value instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object o : c) {
        String node = String.valueOf(o);
        if (!nodes.contains(node)) {
          throw new IllegalArgumentException(
              "unknown node '" + node + "'; nodes: " + String.join(", ", nodes));
        }
        if (!out.contains(node)) {
          out.add(node);
        }
      }
      return List.copyOf(out);
    }
    return of(String.valueOf(value), nodes, random);
  }
}
