package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which nodes run under libfaketime: only those of a test whose nemesis sets clocks. */
class RaftSutTest {
  @TempDir Path root;

  private ClockSkewable dbOf(List<String> nemesis) {
    TestSpec spec = TestSpec.builder().nodes(3).nemesis(nemesis).build();
    return (ClockSkewable)
        new RaftSut().db(spec, new RunStore(root.resolve("results")).create(spec).path(), root);
  }

  @Test
  void nodesReadTheRealClockUnlessTheTestSkewsClocks() {
    assertThat(dbOf(List.of("partition", "kill")).clockFile("n1")).isEmpty();
  }

  @Test
  void aTestWithClockFaultsGetsAClockFilePerNode() {
    assumeTrue(
        ClockSkewable.libfaketimeInstalled(), "needs libfaketime (apt-get install faketime)");
    assertThat(dbOf(List.of("clock", "kill")).clockFile("n1")).isPresent();
  }
}
