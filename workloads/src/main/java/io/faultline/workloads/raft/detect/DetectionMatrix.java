package io.faultline.workloads.raft.detect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one definition of which test exposes which unsafe mode of the Raft store: used by the detection suites and by
 * {@code ./faultline detect}. Every case runs 5 nodes, 10 client threads and 100 ops/s; the suites run each for
 * {@link #TIME_LIMIT} by default, or for the case's {@link DetectionCase#minTimeLimit()} when that is longer.
 */
public final class DetectionMatrix {
  /** The default length of a detection test's main phase: about 30 s of faults at most per suite. */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(15);

  private static final Duration EVERY_2_S = Duration.ofSeconds(2);
  private static final Duration EVERY_3_S = Duration.ofSeconds(3);

  /** Lease reads with election timeouts of seconds: a lease of 2.4 s. */
  private static final Map<String, String> LEASE_TIMING =
      Map.of(
          "read-mode",
          "lease",
          "election-min-ms",
          "3000",
          "election-max-ms",
          "3500",
          "heartbeat-ms",
          "100");

  private static final List<DetectionCase> CASES =
      List.of(
          new DetectionCase(
              "stale-reads",
              "register",
              List.of("partition"),
              Map.of(),
              Map.of(),
              EVERY_3_S,
              "failures",
              "a node cut off from the leader keeps answering reads from its own state"),
          new DetectionCase(
              "no-dedup",
              "append",
              List.of("packet"),
              Map.of("schedule", "reset-leader-replies"),
              Map.of(),
              EVERY_2_S,
              "duplicated",
              "replies the leader sends are cut, so clients retry appends it already applied"),
          new DetectionCase(
              "no-fsync",
              "set",
              List.of("kill"),
              Map.of("schedule", "crash-all-after-writes"),
              Map.of(),
              EVERY_3_S,
              "lost",
              "killing every node at once, once it has taken writes again, loses the acknowledged writes that never"
                  + " reached a disk"),
          new DetectionCase(
              "lazy-fsync",
              "set",
              List.of("disk"),
              Map.of("disk-kinds", "power-loss", "disk-targets", "all"),
              Map.of(),
              EVERY_3_S,
              "lost",
              "every node loses power at once, dropping the acknowledged writes of the last seconds that the 2 s"
                  + " fsync timer had not reached"),
          new DetectionCase(
              "ack-before-commit",
              "append",
              List.of("partition"),
              Map.of("partition-kinds", "isolate-leader"),
              Map.of(),
              EVERY_3_S,
              "lost",
              "an isolated leader acknowledges appends that the majority's new leader never saw"),
          new DetectionCase(
              "lease-wallclock",
              "register",
              List.of("partition", "clock"),
              Map.of("schedule", "isolated-leader-clock-back"),
              Map.of("read-mode", "lease"),
              EVERY_3_S,
              "failures",
              "an isolated leader whose clock went back keeps its lease while a new leader takes writes"),
          // Reads 3 : writes 2, no cas: reads do not queue behind writes that cannot commit, and
          // writes change the value.
          new DetectionCase(
              "commit-previous-term",
              "register",
              Map.of("mix", "3:2:0"),
              List.of("partition", "packet"),
              Map.of("schedule", "lagging-followers-mute-leader"),
              Map.of(),
              EVERY_2_S,
              Duration.ZERO,
              "failures",
              "a muted leader commits writes no follower hears of, and its successor, with no no-op entry, serves reads"
                  + " from its older commit index while lagging followers refuse its entries"),
          // A node that forgets its vote harms only when two candidates of one term both ask it and
          // it holds no entry of
          // the first one's term when the second asks (else the log check of §5.4.1 refuses).
          // Candidates retry
          // RequestVote to the peers that have not answered (§5.1), so a voter that was down when
          // the second one asked
          // hears it again after its restart; the schedule scripts that order (see Schedules), and
          // its timing needs
          // election timeouts longer than two restarts. Pre-Vote is off: with it, the shared
          // voter's term is already T
          // when the second candidate asks for its pre-vote of T, so it refuses (a pre-vote needs a
          // term above the
          // voter's), and a pre-vote it gave before its first vote is followed by the real request
          // a round trip later,
          // while it is still up to refuse that too.
          new DetectionCase(
              "forget-vote",
              "register",
              Map.of(),
              List.of("partition", "kill"),
              Map.of("schedule", "ring-restart-voter"),
              Map.of("pre-vote", "off", "election-min-ms", "7000", "election-max-ms", "7350"),
              Duration.ofSeconds(7),
              Duration.ofSeconds(28),
              "failures",
              "on a majorities ring, the voter two candidates share restarts between"
                  + " their requests and votes for both, so both lead one term"),
          // Lease reads (thesis §6.4.1) with election timeouts of seconds, as leases are run: a
          // client's write to the old leader waits out its 1 s attempt before it tries the new one,
          // so the old leader's lease must outlast that for a stale read to be provably stale.
          new DetectionCase(
              "lease-clock-jump",
              "register",
              Map.of("mix", "3:2:0"),
              List.of("partition", "clock"),
              Map.of("schedule", "isolated-leader-followers-forward"),
              LEASE_TIMING,
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              "failures",
              "the leader is cut off and its followers' clocks jump forward: a follower whose stickiness runs on the"
                  + " real clock's timer votes at once, and the majority's new leader commits while the old one still"
                  + " serves reads from its lease"),
          new DetectionCase(
              "lease-after-transfer",
              "register",
              Map.of("mix", "3:2:0"),
              List.of("leader", "partition", "packet"),
              Map.of("schedule", "transfer-then-isolate-old-leader"),
              LEASE_TIMING,
              Duration.ofSeconds(3),
              Duration.ofSeconds(45),
              "failures",
              "the leader hands over to a node whose vote requests arrive late, and is cut off before they do: the"
                  + " voters grant the transfer's votes although they heard the old leader, and the old leader serves"
                  + " reads from its lease again an election timeout after TimeoutNow"));

  /**
   * The modes with no targeted case yet, named after real classes of Raft bugs (issue 21): each runs only under the
   * default mix ({@code detect --generic}), with the workload whose checker sees what it breaks. Nothing in the mix
   * is shaped for them.
   */
  private static final List<DetectionCase> UNTARGETED =
      List.of(
          untargeted("vote-ignores-log", "append", "lost"),
          untargeted("read-index-unconfirmed", "register", "failures"),
          untargeted("read-index-before-noop", "register", "failures"),
          untargeted("stale-term-responses", "append", "lost"),
          untargeted("timeout-as-failure", "register", "failures"),
          untargeted("stale-snapshot-installs", "set", "lost"));

  private static DetectionCase untargeted(String mode, String workload, String evidence) {
    return new DetectionCase(
        mode,
        workload,
        Map.of(),
        List.of(io.faultline.harness.spi.TestSpec.ALL_FAULTS),
        Map.of(),
        Map.of(),
        DetectionCase.GENERIC_INTERVAL,
        Duration.ZERO,
        evidence,
        "the default mix");
  }

  private DetectionMatrix() {}

  /** The modes that have no targeted case, as generic cases ({@link DetectionCase#isGeneric()}). */
  public static List<DetectionCase> untargeted() {
    return UNTARGETED;
  }

  /** The generic-only case of {@code mode}, if it is one. */
  public static Optional<DetectionCase> untargeted(String mode) {
    return UNTARGETED.stream().filter(c -> c.mode().equals(mode)).findFirst();
  }

  /** Every case, one per unsafe mode of the store. */
  public static List<DetectionCase> cases() {
    return CASES;
  }

  /** The case of {@code mode}, e.g. {@code no-fsync}. */
  public static Optional<DetectionCase> of(String mode) {
    return CASES.stream().filter(c -> c.mode().equals(mode)).findFirst();
  }

  /** The modes, in the matrix's order. */
  public static List<String> modes() {
    return CASES.stream().map(DetectionCase::mode).toList();
  }
}
