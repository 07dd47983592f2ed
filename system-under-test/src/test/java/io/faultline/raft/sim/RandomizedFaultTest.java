package io.faultline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.kv.KvStateMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random fault schedules over a 3- or 5-member {@link LocalCluster}: writes, isolations, partitions, message loss,
 * crashes and restarts, with the {@link RaftInvariants} checked after every step. A failure names its seed; replay
 * it with {@code -Draft.sim.seeds=SEED}. {@code -Draft.sim.runs=N} runs N seeds starting at {@code raft.sim.seeds}.
 * Even seeds use lease reads, odd seeds ReadIndex ({@code -Draft.sim.readMode=lease} forces one). Reads are checked
 * against the appends acknowledged before them.
 */
class RandomizedFaultTest {
  private static final int STEPS = 200;

  @TempDir Path dir;

  /** Deliberate bugs to run with, e.g. {@code -Draft.sim.unsafe=forget-vote}, to see the invariants catch them. */
  static Set<UnsafeMode> unsafe() {
    Set<UnsafeMode> modes = EnumSet.noneOf(UnsafeMode.class);
    for (String flag : System.getProperty("raft.sim.unsafe", "").split(",")) {
      if (!flag.isBlank()) {
        modes.add(UnsafeMode.byFlag(flag.trim()));
      }
    }
    return modes;
  }

  static LongStream seeds() {
    long first = Long.getLong("raft.sim.seeds", 1);
    long runs = Long.getLong("raft.sim.runs", 8);
    return LongStream.range(first, first + runs);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariantsHoldUnderRandomFaults(long seed) throws IOException {
    Path base = Files.createDirectory(dir.resolve("seed-" + seed));
    ReadMode mode =
        ReadMode.parse(
            System.getProperty("raft.sim.readMode", seed % 2 == 0 ? "lease" : "read-index"));
    int size = seed % 3 == 0 ? 3 : 5;
    // Odd seeds preallocate the log files in small chunks, so extensions, truncations and rewrites
    // cross them.
    long preallocate = seed % 2 == 1 ? 256 : 0;
    LocalCluster c =
        new LocalCluster(
            size,
            seed,
            base,
            cfg -> cfg.withSnapshotThreshold(25).withUnsafe(unsafe()).withReadMode(mode),
            preallocate);
    Random rnd = new Random(seed);
    RaftInvariants invariants = new RaftInvariants();
    List<String> down = new ArrayList<>();
    List<LocalCluster.Call> calls = new ArrayList<>();
    List<LocalCluster.Call> reads = new ArrayList<>();
    int written = 0;
    for (int step = 0; step < STEPS; step++) {
      String action = act(c, rnd, down, calls, written);
      if (rnd.nextInt(4) == 0) {
        String via =
            c.leader() != null && rnd.nextInt(3) > 0
                ? c.leader()
                : c.ids().get(rnd.nextInt(c.ids().size()));
        if (c.alive(via)) {
          reads.add(c.read(via, "k" + rnd.nextInt(3)));
        }
      }
      written++;
      c.runFor(5 + rnd.nextInt(150));
      List<String> violations = invariants.check(c);
      violations.addAll(staleReads(reads, calls));
      if (!violations.isEmpty()) {
        fail(
            "seed "
                + seed
                + " step "
                + step
                + " after "
                + action
                + ": "
                + violations
                + " (replay with -Draft.sim.seeds="
                + seed
                + " -Draft.sim.runs=1)");
      }
    }
    heal(c, down);
    String leader = c.writeCommitted("final", "done", 10_000);
    long target = c.status(leader).commitIndex();
    boolean converged =
        c.runUntil(
            () -> c.ids().stream().allMatch(id -> c.status(id).lastApplied() >= target), 10_000);
    assertThat(converged).as("seed %d: every member applies the final write", seed).isTrue();
    assertThat(invariants.check(c)).as("seed %d", seed).isEmpty();
    for (String id : c.ids()) {
      assertThat(c.stateMachine(id).get("final"))
          .as("seed %d member %s", seed, id)
          .isEqualTo("done");
    }
    long committedOk = calls.stream().filter(RandomizedFaultTest::acknowledged).count();
    assertThat(committedOk).as("seed %d: some writes commit despite the faults", seed).isPositive();
    assertAcknowledgedAppendsSurviveExactlyOnce(c, calls, seed);
  }

  /**
   * A read must see every append acknowledged before the read was invoked (real-time order of linearizability).
   * Checked reads are removed from the list.
   */
  private static List<String> staleReads(
      List<LocalCluster.Call> reads, List<LocalCluster.Call> appends) {
    List<String> out = new ArrayList<>();
    for (java.util.Iterator<LocalCluster.Call> it = reads.iterator(); it.hasNext(); ) {
      LocalCluster.Call read = it.next();
      if (!read.done()) {
        continue;
      }
      it.remove();
      if (read.reply.status() != Reply.Status.OK) {
        continue;
      }
      List<?> seen = read.reply.value() instanceof List<?> l ? l : List.of();
      for (LocalCluster.Call a : appends) {
        if (acknowledged(a)
            && a.key.equals(read.key)
            && a.doneAt < read.invokedAt
            && !seen.contains(a.value)) {
          out.add("stale read of " + read.key + " misses " + a.value + " acknowledged before it");
          break;
        }
      }
    }
    return out;
  }

  private static boolean acknowledged(LocalCluster.Call call) {
    return call.done()
        && call.reply.status() == Reply.Status.OK
        && call.reply.value() != KvStateMachine.STALE;
  }

  /** Durability and exactly-once: every acknowledged append is in the final lists, and no value twice. */
  private static void assertAcknowledgedAppendsSurviveExactlyOnce(
      LocalCluster c, List<LocalCluster.Call> calls, long seed) {
    String id = c.ids().get(0);
    List<Object> all = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Object v = c.stateMachine(id).get("k" + k);
      if (v instanceof List<?> l) {
        all.addAll(l);
      }
    }
    assertThat(all).as("seed %d: no append applied twice", seed).doesNotHaveDuplicates();
    for (LocalCluster.Call call : calls) {
      if (acknowledged(call)) {
        assertThat(all)
            .as("seed %d: acknowledged append %s survives", seed, call.value)
            .contains(call.value);
      }
    }
  }

  private static String act(
      LocalCluster c, Random rnd, List<String> down, List<LocalCluster.Call> calls, int n) {
    List<String> ids = c.ids();
    String someone = ids.get(rnd.nextInt(ids.size()));
    int dice = rnd.nextInt(100);
    if (dice < 45) {
      String via = c.leader() != null && rnd.nextInt(4) > 0 ? c.leader() : someone;
      if (c.alive(via)) {
        for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
          String value = "v" + n + "." + i;
          LocalCluster.Call call = c.append(via, 7, n * 4L + i, "k" + rnd.nextInt(3), value);
          call.value = value;
          calls.add(call);
        }
      }
      return "writes via " + via;
    } else if (dice < 55) {
      c.firewall().isolate(someone, ids);
      return "isolate " + someone;
    } else if (dice < 63) {
      List<String> side = new ArrayList<>(ids.subList(0, 1 + rnd.nextInt(ids.size() - 1)));
      c.firewall().split(side, ids);
      return "split " + side;
    } else if (dice < 78) {
      c.firewall().heal();
      return "heal network";
    } else if (dice < 79) {
      c.firewall().lossRate(rnd.nextDouble() * 0.3);
      return "message loss";
    } else if (dice < 81) {
      long millis = rnd.nextInt(4001) - 2000;
      c.bumpClock(someone, millis);
      return "bump clock of " + someone + " by " + millis + " ms";
    } else if (dice < 84) {
      String leader = c.leader();
      if (leader != null && c.alive(someone)) {
        c.node(leader).transferLeadership(someone, r -> {});
      }
      return "transfer leadership from " + leader + " to " + someone;
    } else if (dice < 92 && down.size() < (ids.size() - 1) / 2 && c.alive(someone)) {
      c.crash(someone);
      down.add(someone);
      return "crash " + someone;
    } else if (!down.isEmpty()) {
      String back = down.remove(rnd.nextInt(down.size()));
      c.restart(back);
      return "restart " + back;
    }
    return "nothing";
  }

  private static void heal(LocalCluster c, List<String> down) {
    c.firewall().heal();
    for (String id : down) {
      c.restart(id);
    }
    down.clear();
  }
}
