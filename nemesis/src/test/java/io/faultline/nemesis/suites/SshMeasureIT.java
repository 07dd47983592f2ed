package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.Backends;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Firewalled;
import io.faultline.workloads.raft.RaftDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The figures of the SSH backend, printed, not asserted (timing is noisy here): the setup time of a 5-host cluster
 * of the Raft store (connect, check, install, start, elect), and the time from a partition's apply to its rules being
 * in force on every host, over 40 random grudges. Runs only with {@code -Dfaultline.ssh.measure=true}.
 */
@Tag("ssh")
@ExtendWith(RequiresSshHosts.class)
@EnabledIfSystemProperty(named = "faultline.ssh.measure", matches = "true")
class SshMeasureIT {

  @Test
  void setupAndPartitionTimes() throws Exception {
    try (SshHosts hosts = SshHosts.start(5)) {
      TestSpec spec =
          TestSpec.builder()
              .name("ssh-measure")
              .cluster("ssh")
              .clusterOption("nodes-file", hosts.nodesFile(5).toString())
              .clusterOption("username", "root")
              .clusterOption("ssh-private-key", hosts.key().toString())
              .clusterOption("ssh-strict-host-key-checking", "no")
              .nemesis(List.of("partition"))
              .nodes(5)
              .build();
      Path root = io.faultline.harness.junit.Faultline.root();
      for (int round = 1; round <= 2; round++) {
        Path run = Files.createTempDirectory("ssh-measure");
        Backend backend = Backends.of(spec, run, root, RaftDb.PORTS, () -> "none");
        RaftDb db = new RaftDb(backend, RaftDb.jarIn(root), List.of(), RaftDb.NODE_JVM, false);
        long t0 = System.nanoTime();
        db.setup();
        long setup = System.nanoTime() - t0;
        System.out.printf(
            "[faultline] ssh measure: round %d (%s): 5-host setup %d ms%n",
            round, round == 1 ? "jar uploaded" : "jar already there", setup / 1_000_000);
        if (round == 2) {
          partitions(db.firewall().orElseThrow());
        }
        db.teardown();
      }
      assertThat(hosts.leftovers()).isEmpty();
    }
  }

  private static void partitions(Firewalled.Firewall fw) {
    List<String> nodes = fw.nodes();
    Random rnd = new Random(1);
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> shuffled = new ArrayList<>(nodes);
      Collections.shuffle(shuffled, rnd);
      Set<String> a = Set.copyOf(shuffled.subList(0, 2));
      Map<String, Set<String>> drops = new java.util.TreeMap<>();
      for (String n : nodes) {
        Set<String> other = new java.util.TreeSet<>(nodes);
        other.removeAll(a.contains(n) ? a : Set.copyOf(shuffled.subList(2, 5)));
        drops.put(n, other);
      }
      long t0 = System.nanoTime();
      fw.apply(i % 2 == 0 ? drops : Map.of(), false);
      micros.add((System.nanoTime() - t0) / 1000);
    }
    fw.heal();
    Collections.sort(micros);
    System.out.printf(
        "[faultline] ssh measure: partition op to rules in force on 5 hosts, 40 ops: p50 %.1f ms, max %.1f ms%n",
        micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
  }
}
