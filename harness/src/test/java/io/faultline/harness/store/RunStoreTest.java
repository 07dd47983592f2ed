package io.faultline.harness.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.spi.TestSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
  @TempDir Path results;

  @Test
  void aRunFolderHoldsItsSpecAndLatestPointsAtTheNewestRun() throws Exception {
    TestSpec spec =
        TestSpec.builder()
            .nodes(3)
            .nemesis(List.of("partition", "kill"))
            .timeLimit(Duration.ofMillis(1500))
            .sutOption("read-mode", "lease")
            .workloadOption("mix", "3:2:0")
            .seed(42)
            .build();
    RunStore store = new RunStore(results);
    RunDir first = store.create(spec);
    RunDir second = store.create(spec);
    assertThat(first.path()).isNotEqualTo(second.path());
    assertThat(first.path().getParent())
        .isEqualTo(results.resolve("runs/raft-register-partition-kill"));
    assertThat(first.path().getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}");
    assertThat(first.spec()).isEqualTo(spec);
    assertThat(Files.isSymbolicLink(results.resolve("runs/latest"))).isTrue();
    assertThat(store.runs().resolve("latest").toRealPath().toString())
        .isEqualTo(second.path().toAbsolutePath().toString());
  }

  @Test
  void aSpecSavedBeforeWorkloadOptionsExistedReadsBackWithNone() throws Exception {
    RunDir run = new RunStore(results).create(TestSpec.builder().seed(7).build());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> json = Json.read(run.testJson(), java.util.Map.class);
    assertThat(json).containsKey("workloadOptions");
    json.remove("workloadOptions");
    Json.write(run.testJson(), json);

    assertThat(run.spec().workloadOptions()).isEmpty();
    assertThat(run.spec().seed()).isEqualTo(7);
  }

  @Test
  void impossibleSpecsAreNamedInOneLine() {
    assertThat(TestSpec.builder().nodes(0).build().problem())
        .isEqualTo("--nodes must be between 1 and 99, not 0");
    assertThat(TestSpec.builder().nemesis(List.of("meteor")).build().problem())
        .isEqualTo(
            "unknown fault family 'meteor'; no module on the class path declares fault families");
    assertThat(TestSpec.builder().cluster("k8s").build().problem())
        .contains("--cluster must be one of process, docker, ssh, not 'k8s'");
    assertThat(TestSpec.builder().build().problem()).isNull();
  }
}
