package io.faultline.nemesis.schedule;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import io.faultline.nemesis.family.Targets;
import io.faultline.nemesis.net.Grudge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Targeted schedules: fixed sequences of fault ops aimed at one kind of bug, for the bugs that a random mix of faults
 * reaches too rarely. The nemesis option {@value #OPTION} names one; it replaces the random mix of the test's families
 * (which must include the families the schedule uses), while those families still perform the ops and heal at the
 * end. The schedule repeats, paced by the test's nemesis interval, starting one interval into the run.
 */
public final class Schedules {
  /** The nemesis option that names a targeted schedule. */
  public static final String OPTION = "schedule";

  /** A targeted schedule: the families whose ops it uses, and the ops of one cycle for a test. */
  record Schedule(List<String> families, Function<TestSpec, Generator> cycle) {
    /** A schedule whose cycle depends on the nemesis interval only. */
    static Schedule paced(List<String> families, Function<Duration, Generator> cycle) {
      return new Schedule(families, spec -> cycle.apply(spec.nemesisInterval()));
    }
  }

  /** How long a restarted node of the store takes, at most, to answer its peers: a JVM's start and recovery. */
  static final Duration RESTART = Duration.ofMillis(2500);

  private static final Map<String, Schedule> SCHEDULES = schedules();

  private Schedules() {}

  private static Map<String, Schedule> schedules() {
    Map<String, Schedule> m = new LinkedHashMap<>();
    m.put(
        "isolated-leader-clock-back",
        Schedule.paced(List.of("partition", "clock"), Schedules::isolatedLeaderClockBack));
    m.put(
        "crash-all-after-writes", Schedule.paced(List.of("kill"), Schedules::crashAllAfterWrites));
    m.put("reset-leader-replies", Schedule.paced(List.of("packet"), Schedules::resetLeaderReplies));
    m.put(
        "lagging-followers-mute-leader",
        Schedule.paced(List.of("partition", "packet"), Schedules::laggingFollowersMuteLeader));
    m.put(
        "ring-restart-voter",
        new Schedule(List.of("partition", "kill"), Schedules::ringRestartVoter));
    LeaseSchedules.register(m);
    return m;
  }

  /** The names of the targeted schedules. */
  public static List<String> names() {
    return List.copyOf(SCHEDULES.keySet());
  }

  /**
   * The schedules that can run as scenarios of a mix of {@code families} for {@code spec}: those whose families it
   * has, and whose cluster they fit (the majorities ring of {@code ring-restart-voter} needs five nodes); not those
   * whose timing needs the store's own election timeouts set ({@link LeaseSchedules#NEED_OWN_TIMING}).
   */
  public static List<String> scenarios(java.util.Set<String> families, TestSpec spec) {
    return SCHEDULES.entrySet().stream()
        .filter(e -> families.containsAll(e.getValue().families()))
        .filter(e -> !e.getKey().equals("ring-restart-voter") || spec.nodes() == 5)
        .filter(e -> !LeaseSchedules.NEED_OWN_TIMING.contains(e.getKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** One cycle of the schedule {@code name} for {@code spec}: a scenario that ends healed. */
  static Generator cycle(String name, TestSpec spec) {
    return SCHEDULES.get(name).cycle().apply(spec);
  }

  /**
   * The fault ops of the schedule {@code name} for {@code spec}, forever.
   *
   * @throws IllegalArgumentException for an unknown schedule, or one that needs a family the spec does not name
   */
  public static Generator faults(String name, TestSpec spec) {
    Schedule s = SCHEDULES.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown schedule '" + name + "'; schedules: " + String.join(", ", names()));
    }
    if (!spec.nemesis().containsAll(s.families())) {
      throw new IllegalArgumentException(
          "schedule "
              + name
              + " needs the fault families "
              + String.join(",", s.families())
              + " (--nemesis)");
    }
    return Generators.seq(
        Generators.sleep(spec.nemesisInterval()), Generators.cycle(s.cycle().apply(spec)));
  }

  /**
   * Cuts the leader off from every other node and sets its clock back by twice the interval, for one interval; then
   * heals the network and the clocks, and lets the cluster run one interval.
   *
   * <p>What it aims at: a lease that trusts the wall clock (or any clock that may step back) stays valid for as long
   * as the clock went back, while the majority elects a new leader and commits writes (thesis §6.4.1). Under
   * libfaketime the monotonic clock steps back too, so the isolated leader's timers stall as well and it does not step
   * down on its own; a correct lease notices the backward step and stops serving reads.
   */
  private static Generator isolatedLeaderClockBack(Duration interval) {
    return Generators.seq(
        Generators.once("start-partition", Map.of("kind", "isolate-leader", "mode", "blackhole")),
        Generators.once("bump-clock", Map.of(Targets.LEADER, -2 * interval.toMillis())),
        Generators.sleep(interval),
        Generators.once("stop-partition", null),
        Generators.once("reset-clock", "all"),
        Generators.sleep(interval));
  }

  /**
   * Kills every node at once, restarts them all a second later, and lets the cluster take writes for an interval
   * counted from when the last node is back, before the next crash.
   *
   * <p>What it aims at: writes acknowledged before they reach a disk are lost only when every copy dies at once
   * ({@code kill} of {@code all}); under load a restart takes seconds, and a random schedule may crash the cluster
   * again before it has taken any write.
   */
  private static Generator crashAllAfterWrites(Duration interval) {
    return Generators.seq(
        Generators.once("kill", "all"),
        Generators.sleep(Duration.ofSeconds(1)),
        Generators.once("start", "all"),
        Generators.sleep(interval));
  }

  /**
   * Resets the leader's client connections, cutting every reply it sends, for one interval; then heals and lets the
   * cluster run one interval.
   *
   * <p>What it aims at: a client retries a write whose reply was lost, and a store without session deduplication
   * applies it again (thesis §6.3). Only a lost reply from the leader means an applied write, so the fault is aimed
   * at the leader's link rather than at a random half of the links.
   */
  private static Generator resetLeaderReplies(Duration interval) {
    return Generators.seq(
        Generators.once(
            "start-packet", Map.of("kind", "reset-peer", "client-links", Targets.LEADER)),
        Generators.sleep(interval),
        Generators.once("stop-packet", null),
        Generators.sleep(interval));
  }

  /**
   * Puts latency on every node link and cuts a minority of followers off for a quarter of an interval, so that their
   * logs fall behind; then heals them and mutes the leader (no node hears it, while it still hears every node) for an
   * interval; then heals the network and lets the cluster run a quarter of an interval.
   *
   * <p>What it aims at: a new leader that serves reads before it knows how far its predecessor committed (§5.4.2,
   * thesis §6.4). The muted leader still receives the acknowledgements of the entries it sent before the cut, so it
   * commits them and answers their writers, but no follower hears of that commit (with the latency, about a round
   * trip of writes). The new leader is one of the followers that kept up; without the no-op entry its read index is
   * its own older commit index, and a majority confirms its first heartbeat round at once, the lagging followers with
   * refusals, while its commit index moves only once one of them has caught up. Reads answered in between miss
   * acknowledged writes. A correct leader's reads wait until its no-op entry commits.
   */
  private static Generator laggingFollowersMuteLeader(Duration interval) {
    return Generators.seq(
        Generators.once("start-packet", Map.of("kind", "latency", "node-links", "all")),
        Generators.once(
            "start-partition", Map.of("kind", "isolate-followers", "mode", "blackhole")),
        Generators.sleep(interval.dividedBy(4)),
        Generators.once("start-partition", Map.of("kind", "mute-leader", "mode", "blackhole")),
        Generators.sleep(interval),
        Generators.once("stop-partition", null),
        Generators.once("stop-packet", null),
        Generators.sleep(interval.dividedBy(4)));
  }

  /**
   * Scripts the one order of events in which a node that forgets its vote on restart gives two candidates of one term
   * a majority each. It kills the leader, then the other nodes, and puts the five nodes on a majorities ring
   * W-A-V-B-X (each node hears only its two neighbours) with A the old leader, whose log is the longest, and the
   * others drawn from the seed; A and B, the candidates, do not hear each other and share one voter, V:
   *
   * <ol>
   *   <li>restart A and B, with V cut off from B as well: A and B time out in the same term T and become candidates
   *       (with Pre-Vote off), each retrying its RequestVote to the peers that have not answered (§5.1);
   *   <li>restart V: it votes for A, whose third voter, W, is still down, so A does not win and V gets no entry of
   *       term T;
   *   <li>once A and B are surely candidates, kill V and restart it with X and W, with V cut off from A instead of B:
   *       W grants A's retried request and A leads T; a V that forgot its vote grants B's retried request (the log
   *       check of §5.4.1 passes: it has no entry of term T), X too, and B leads T as well;
   *   <li>a restart and a second later, reconnect V to A: both leaders replicate through V, which holds B's entries
   *       of term T where A has its own (Election Safety, §5.2, and with it Log Matching no longer hold);
   *   <li>after 3 s of two leaders, heal the network, and give the cluster time to elect one leader.
   * </ol>
   *
   * <p>A correct V remembers its vote for A (Figure 2: votedFor is persistent) and refuses B, so only A leads T.
   *
   * <p>The timing assumes the store's minimum election timeout equals the nemesis interval, its maximum is at most 5%
   * more, and a restarted node answers within {@link #RESTART}: then V cannot time out before A asks it, and the
   * candidacies of A and B, two election timeouts from their restart, outlast the restart of V and W. An interval of
   * 7 s leaves more than a second to spare.
   */
  private static Generator ringRestartVoter(TestSpec spec) {
    if (spec.nodes() != 5) {
      throw new IllegalArgumentException(
          "schedule ring-restart-voter needs 5 nodes, not " + spec.nodes());
    }
    return Generators.seq(
        Generators.once("kill", Targets.LEADER),
        new AfterCompletion("kill", killed -> ringRestartVoter(spec, killed.value())));
  }

  /**
   * The rest of {@link #ringRestartVoter(TestSpec)} once the completion of {@code kill leader} is known: {@code killed}
   * is the list of the killed node, which plays A, or anything else when no node led (A is then drawn too).
   */
  static Generator ringRestartVoter(TestSpec spec, Object killed) {
    List<String> others = new ArrayList<>(Backend.names(spec.nodes()));
    Random random = new Random(spec.seed());
    String a =
        killed instanceof List<?> l && l.size() == 1 && others.remove(String.valueOf(l.get(0)))
            ? String.valueOf(l.get(0))
            : others.remove(random.nextInt(others.size()));
    Collections.shuffle(others, random);
    String w = others.get(0);
    String v = others.get(1);
    String b = others.get(2);
    String x = others.get(3);
    Grudge ring = Grudge.majoritiesRing(List.of(w, a, v, b, x));
    Duration e = spec.nemesisInterval();
    Duration startV = e.dividedBy(2).plusSeconds(1);
    Duration candidates = RESTART.plus(e.multipliedBy(21).dividedBy(20)).plusMillis(300);
    return Generators.seq(
        Generators.once("kill", "all"),
        Generators.once("start-partition", ring.cutBetween(v, b).toValue()),
        Generators.once("start", List.of(a, b)),
        Generators.sleep(startV),
        Generators.once("start", List.of(v)),
        Generators.sleep(candidates.minus(startV)),
        Generators.once("kill", List.of(v)),
        Generators.once("start-partition", ring.cutBetween(v, a).toValue()),
        Generators.once("start", List.of(v, x, w)),
        Generators.sleep(RESTART.plusSeconds(1)),
        Generators.once("start-partition", ring.toValue()),
        Generators.sleep(Duration.ofSeconds(3)),
        Generators.once("stop-partition", null),
        Generators.sleep(e.multipliedBy(6).dividedBy(5).plusSeconds(2)));
  }

  /**
   * Emits nothing until the nemesis completes an op {@code f}, then behaves as {@code next} of that completion: for a
   * schedule whose later ops depend on what an earlier one did (e.g. which node {@code leader} named).
   */
  private record AfterCompletion(String f, Function<Op, Generator> next) implements Generator {
    @Override
    public Yield op(Context ctx) {
      return Yield.pending();
    }

    @Override
    public Generator update(Context ctx, Op event) {
      return event.isNemesis() && event.isCompletion() && event.f().equals(f)
          ? next.apply(event)
          : this;
    }
  }
}
