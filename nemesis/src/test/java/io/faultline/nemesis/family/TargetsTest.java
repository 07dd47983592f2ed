package io.faultline.nemesis.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which nodes a fault hits. */
class TargetsTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");
  private final SplittableRandom random = new SplittableRandom(1);

  @Test
  void targetKindsHitOneAMinorityAMajorityOrAll() {
    assertThat(Targets.of("one", FIVE, random)).hasSize(1);
    assertThat(Targets.of("minority", FIVE, random)).hasSize(2);
    assertThat(Targets.of("majority", FIVE, random)).hasSize(3);
    assertThat(Targets.of("all", FIVE, random)).isEqualTo(FIVE);
    assertThat(Targets.of("minority", List.of("n1", "n2", "n3"), random)).hasSize(1);
    assertThat(Targets.of("majority", List.of("n1", "n2", "n3"), random)).hasSize(2);
  }

  @Test
  void chosenNodesAreDistinctAndInNodeOrder() {
    for (int i = 0; i < 50; i++) {
      List<String> some = Targets.someNodes(FIVE, random);
      assertThat(some).isNotEmpty().doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
    }
  }

  @Test
  void anOpValueNamesNodesOrAKindOrAll() {
    assertThat(Targets.resolve(List.of("n4", "n2", "n4"), FIVE, random))
        .containsExactly("n4", "n2");
    assertThat(Targets.resolve(null, FIVE, random)).isEqualTo(FIVE);
    assertThat(Targets.resolve("majority", FIVE, random)).hasSize(3);
    assertThatThrownBy(() -> Targets.resolve(List.of("n9"), FIVE, random))
        .hasMessageContaining("unknown node 'n9'");
    assertThatThrownBy(() -> Targets.resolve("most", FIVE, random))
        .hasMessageContaining("unknown target 'most'");
  }

  @Test
  void leaderNamesTheNodeThatLeadsWhenTheOpArrives() {
    assertThat(Targets.resolve("leader", FIVE, random, () -> Optional.of("n2")))
        .containsExactly("n2");
    assertThatThrownBy(() -> Targets.resolve("leader", FIVE, random, Optional::empty))
        .hasMessage("no node leads now");
    assertThatThrownBy(() -> Targets.resolve("leader", FIVE, random, null))
        .hasMessage("this cluster cannot say which node leads");
  }
}
