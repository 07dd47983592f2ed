package io.faultline.nemesis;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.runner.TestSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** A targeted schedule: the families whose ops it uses, and its ops for a nemesis interval. */
  private record Schedule(List<String> families, Function<Duration, Generator> cycle) {}

  private static final Map<String, Schedule> SCHEDULES = schedules();

  private Schedules() {}

  private static Map<String, Schedule> schedules() {
    Map<String, Schedule> m = new LinkedHashMap<>();
    m.put("isolated-leader-clock-back", new Schedule(List.of("partition", "clock"), Schedules::isolatedLeaderClockBack));
    m.put("crash-all-after-writes", new Schedule(List.of("kill"), Schedules::crashAllAfterWrites));
    m.put("reset-leader-replies", new Schedule(List.of("packet"), Schedules::resetLeaderReplies));
    m.put("lagging-followers-mute-leader", new Schedule(List.of("partition", "packet"),
        Schedules::laggingFollowersMuteLeader));
    return m;
  }

  /** The names of the targeted schedules. */
  public static List<String> names() {
    return List.copyOf(SCHEDULES.keySet());
  }

  /**
   * The fault ops of the schedule {@code name} for {@code spec}, forever.
   *
   * @throws IllegalArgumentException for an unknown schedule, or one that needs a family the spec does not name
   */
  public static Generator faults(String name, TestSpec spec) {
    Schedule s = SCHEDULES.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown schedule '" + name + "'; schedules: " + String.join(", ", names()));
    }
    if (!spec.nemesis().containsAll(s.families())) {
      throw new IllegalArgumentException("schedule " + name + " needs the fault families "
          + String.join(",", s.families()) + " (--nemesis)");
    }
    Duration interval = spec.nemesisInterval();
    return Generators.seq(Generators.sleep(interval), Generators.cycle(s.cycle().apply(interval)));
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
        Generators.once("start-packet", Map.of("kind", "reset-peer", "client-links", Targets.LEADER)),
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
        Generators.once("start-partition", Map.of("kind", "isolate-followers", "mode", "blackhole")),
        Generators.sleep(interval.dividedBy(4)),
        Generators.once("start-partition", Map.of("kind", "mute-leader", "mode", "blackhole")),
        Generators.sleep(interval),
        Generators.once("stop-partition", null),
        Generators.once("stop-packet", null),
        Generators.sleep(interval.dividedBy(4)));
  }
}
