package io.faultline.nemesis.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A network partition, as Jepsen's grudge: each node maps to the nodes it does not hear from. Link {@code a → b} is cut
 * when {@code a} is in {@code b}'s grudge.
 *
 * @param kind how it was drawn, e.g. {@code majorities-ring}
 * @param drops node to the nodes whose traffic it drops
 */
public record Grudge(String kind, Map<String, Set<String>> drops) {

  /** The kinds {@link #draw} knows, except {@code isolate-leader}, which needs the leader. */
  public static final List<String> KINDS =
      List.of("halves", "isolate-one", "isolate-leader", "majorities-ring", "bridge", "one-way");

  /**
   * The kinds that need the leader: {@code isolate-leader}; and, for targeted schedules only (not among {@link #KINDS}
   * drawn at random), {@code isolate-followers} (the largest strict minority of followers, never the leader, cut off
   * from the rest; they still hear each other) and {@code mute-leader} (no node hears the leader, which still hears
   * every node).
   */
  public static final List<String> LEADER_KINDS =
      List.of("isolate-leader", "isolate-followers", "mute-leader");

  public Grudge {
    Map<String, Set<String>> copy = new TreeMap<>();
    drops.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            copy.put(k, Collections.unmodifiableSet(new TreeSet<>(v)));
          }
        });
    drops = Collections.unmodifiableMap(copy);
  }

  /** The directed links {@code from → to} this grudge cuts. */
  public Set<Link> cutLinks() {
    Set<Link> links = new LinkedHashSet<>();
    drops.forEach((to, froms) -> froms.forEach(from -> links.add(new Link(from, to))));
    return links;
  }

  /** A directed link between nodes. */
  public record Link(String from, String to) {
    @Override
    public String toString() {
      return from + "->" + to;
    }
  }

  /**
   * Draws a grudge of {@code kind} over {@code nodes}.
   *
   * @param leader the current leader, for {@link #LEADER_KINDS}; when unknown, {@code isolate-leader} isolates a
   *     random node and {@code isolate-followers} a random minority
   */
  public static Grudge draw(String kind, List<String> nodes, SplittableRandom rnd, String leader) {
    List<String> shuffled = shuffle(nodes, rnd);
    return switch (kind) {
      case "halves" -> complete(kind, split(shuffled, shuffled.size() / 2));
      case "isolate-one" -> isolate(kind, nodes, shuffled.get(0));
      case "isolate-leader" ->
          isolate(kind, nodes, leader != null && nodes.contains(leader) ? leader : shuffled.get(0));
      case "majorities-ring" -> majoritiesRing(shuffled);
      case "bridge" -> bridge(shuffled);
      case "one-way" -> oneWay(shuffled);
      case "isolate-followers" -> isolateFollowers(shuffled, leader);
      case "mute-leader" ->
          mute(nodes, leader != null && nodes.contains(leader) ? leader : shuffled.get(0));
      default ->
          throw new IllegalArgumentException(
              "unknown partition '" + kind + "'; partitions: " + String.join(", ", KINDS));
    };
  }

  /** Two components, {@code nodes[0..cut)} and the rest, that do not hear each other. */
  private static List<List<String>> split(List<String> nodes, int cut) {
    return List.of(
        nodes.subList(0, Math.max(1, cut)), nodes.subList(Math.max(1, cut), nodes.size()));
  }

  /** Every node drops traffic from every node outside its component. */
  private static Grudge complete(String kind, List<List<String>> components) {
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    for (List<String> c : components) {
      for (String n : c) {
        Set<String> others = new LinkedHashSet<>();
        for (List<String> d : components) {
          if (d != c) {
            others.addAll(d);
          }
        }
        drops.put(n, others);
      }
    }
    return new Grudge(kind, drops);
  }

  private static Grudge isolate(String kind, List<String> nodes, String loner) {
    List<String> rest = new ArrayList<>(nodes);
    rest.remove(loner);
    return complete(kind, List.of(List.of(loner), rest));
  }

  /** The largest strict minority of {@code shuffled}, never {@code leader}, in one component; the rest in the other. */
  private static Grudge isolateFollowers(List<String> shuffled, String leader) {
    List<String> followers = new ArrayList<>(shuffled);
    followers.remove(leader);
    int minority = Math.max(1, (shuffled.size() - 1) / 2);
    List<String> cut = followers.subList(0, Math.min(minority, followers.size()));
    List<String> rest = new ArrayList<>(shuffled);
    rest.removeAll(cut);
    return complete("isolate-followers", List.of(List.copyOf(cut), rest));
  }

  /** Every node but {@code muted} drops its traffic; {@code muted} still hears them all. */
  private static Grudge mute(List<String> nodes, String muted) {
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    nodes.stream().filter(n -> !n.equals(muted)).forEach(n -> drops.put(n, Set.of(muted)));
    return new Grudge("mute-leader", drops);
  }

  /**
   * Every node hears a majority, and no two nodes hear the same majority: with the nodes on a ring, in the order of
   * {@code ring}, each hears its nearest neighbours on both sides (Jepsen's majorities ring).
   */
  public static Grudge majoritiesRing(List<String> ring) {
    int n = ring.size();
    int majority = n / 2 + 1;
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Set<String> hears = new LinkedHashSet<>();
      for (int d = -(majority - 1) / 2; hears.size() < majority; d++) {
        hears.add(ring.get(Math.floorMod(i + d, n)));
      }
      Set<String> dropped = new LinkedHashSet<>(ring);
      dropped.removeAll(hears);
      drops.put(ring.get(i), dropped);
    }
    return new Grudge("majorities-ring", drops);
  }

  /** Two halves that do not hear each other, except through one node that hears both. */
  private static Grudge bridge(List<String> nodes) {
    if (nodes.size() < 3) {
      return complete("bridge", split(nodes, 1));
    }
    int half = (nodes.size() - 1) / 2;
    List<String> left = nodes.subList(0, half);
    String bridge = nodes.get(half);
    List<String> right = nodes.subList(half + 1, nodes.size());
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    left.forEach(n -> drops.put(n, new LinkedHashSet<>(right)));
    right.forEach(n -> drops.put(n, new LinkedHashSet<>(left)));
    drops.put(bridge, Set.of());
    return new Grudge("bridge", drops);
  }

  /** One direction only: a minority stops hearing the rest, while the rest still hears it. */
  private static Grudge oneWay(List<String> nodes) {
    List<List<String>> parts = split(nodes, Math.max(1, (nodes.size() - 1) / 2));
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    parts.get(0).forEach(n -> drops.put(n, new LinkedHashSet<>(parts.get(1))));
    return new Grudge("one-way", drops);
  }

  private static List<String> shuffle(List<String> nodes, SplittableRandom rnd) {
    List<String> s = new ArrayList<>(nodes);
    for (int i = s.size() - 1; i > 0; i--) {
      Collections.swap(s, i, rnd.nextInt(i + 1));
    }
    return s;
  }

  /** This grudge with the links between {@code a} and {@code b} cut too, both ways. */
  public Grudge cutBetween(String a, String b) {
    Map<String, Set<String>> more = new TreeMap<>(drops);
    more.merge(a, Set.of(b), Grudge::union);
    more.merge(b, Set.of(a), Grudge::union);
    return new Grudge(kind, more);
  }

  private static Set<String> union(Set<String> x, Set<String> y) {
    Set<String> u = new TreeSet<>(x);
    u.addAll(y);
    return u;
  }

  /**
   * The grudge that {@link #toValue()} wrote: {@code {"kind": k, "drops": {node: [nodes]}}}.
   *
   * @throws IllegalArgumentException when {@code drops} is not a map of nodes to lists of nodes
   */
  public static Grudge fromValue(Map<?, ?> value) {
    if (!(value.get("drops") instanceof Map<?, ?> d)) {
      throw new IllegalArgumentException(
          "a partition's drops must map nodes to lists of nodes, not " + value.get("drops"));
    }
    Map<String, Set<String>> drops = new TreeMap<>();
    d.forEach(
        (to, froms) -> {
          if (!(froms instanceof Collection<?> c)) {
            throw new IllegalArgumentException(
                "the drops of " + to + " must be a list of nodes, not " + froms);
          }
          c.forEach(
              from ->
                  drops
                      .computeIfAbsent(String.valueOf(to), k -> new TreeSet<>())
                      .add(String.valueOf(from)));
        });
    return new Grudge(String.valueOf(value.get("kind")), drops);
  }

  /** The grudge as a JSON-ready value for the history: kind and, per node, whom it does not hear. */
  public Map<String, Object> toValue() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    Map<String, Object> d = new LinkedHashMap<>();
    drops.forEach((k, v) -> d.put(k, List.copyOf(v)));
    m.put("drops", d);
    return m;
  }
}
