package io.faultline.harness.spi.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HasLeaderTest {

  @Test
  void aLeaderNamedByThreeOfFiveNodesIsTheLeader() {
    assertThat(HasLeader.namedByMajority(List.of("n2", "n2", "n1", "n2"), 5)).contains("n2");
  }

  @Test
  void twoOfFiveIsNoMajorityEvenWhenTheOthersAreSilent() {
    assertThat(HasLeader.namedByMajority(List.of("n2", "n2", "n1"), 5)).isEmpty();
  }
}
