package io.faultline.nemesis.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrudgeTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

  private static Set<String> hears(Grudge g, String node) {
    Set<String> h = new HashSet<>(FIVE);
    h.removeAll(g.drops().getOrDefault(node, Set.of()));
    return h;
  }

  @Test
  void halvesSplitTheClusterIntoTwoComponentsThatHearNothingOfEachOther() {
    Grudge g = Grudge.draw("halves", FIVE, new SplittableRandom(1), null);
    Set<Set<String>> components = new HashSet<>();
    FIVE.forEach(n -> components.add(hears(g, n)));
    assertThat(components).hasSize(2);
    assertThat(components.stream().mapToInt(Set::size).sorted().toArray()).containsExactly(2, 3);
    assertThat(g.cutLinks()).hasSize(2 * 2 * 3);
  }

  @Test
  void isolatingTheLeaderCutsEveryLinkToAndFromIt() {
    Grudge g = Grudge.draw("isolate-leader", FIVE, new SplittableRandom(1), "n3");
    assertThat(hears(g, "n3")).containsExactly("n3");
    FIVE.stream()
        .filter(n -> !n.equals("n3"))
        .forEach(n -> assertThat(hears(g, n)).doesNotContain("n3").hasSize(4));
  }

  @Test
  void isolatingFollowersCutsOffAMinorityThatNeverHoldsTheLeaderAndStillHearsItself() {
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Grudge.draw("isolate-followers", FIVE, new SplittableRandom(seed), "n3");
      List<String> cut = FIVE.stream().filter(n -> hears(g, n).size() == 2).toList();
      assertThat(cut).hasSize(2).doesNotContain("n3");
      cut.forEach(n -> assertThat(hears(g, n)).containsExactlyInAnyOrderElementsOf(cut));
      FIVE.stream()
          .filter(n -> !cut.contains(n))
          .forEach(n -> assertThat(hears(g, n)).hasSize(3).contains("n3"));
    }
  }

  @Test
  void muteLeaderCutsOnlyTheLinksFromTheLeader() {
    Grudge g = Grudge.draw("mute-leader", FIVE, new SplittableRandom(1), "n2");

    assertThat(hears(g, "n2")).containsExactlyInAnyOrderElementsOf(FIVE);
    FIVE.stream()
        .filter(n -> !n.equals("n2"))
        .forEach(n -> assertThat(hears(g, n)).hasSize(4).doesNotContain("n2"));
    assertThat(g.cutLinks()).extracting(Grudge.Link::from).containsOnly("n2");
    assertThat(g.cutLinks()).hasSize(4);
  }

  @Test
  void theKindsThatNeedTheLeaderAreNotDrawnAtRandomExceptIsolateLeader() {
    assertThat(Grudge.KINDS)
        .contains("isolate-leader")
        .doesNotContain("isolate-followers", "mute-leader");
    assertThat(Grudge.LEADER_KINDS)
        .containsExactly("isolate-leader", "isolate-followers", "mute-leader");
  }

  @Test
  void inAMajoritiesRingEveryNodeHearsADifferentMajority() {
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Grudge.draw("majorities-ring", FIVE, new SplittableRandom(seed), null);
      Set<Set<String>> majorities = new HashSet<>();
      for (String n : FIVE) {
        assertThat(hears(g, n)).hasSize(3).contains(n);
        majorities.add(hears(g, n));
      }
      assertThat(majorities).hasSize(5);
    }
  }

  @Test
  void aBridgeNodeHearsBothSidesWhichDoNotHearEachOther() {
    Grudge g = Grudge.draw("bridge", FIVE, new SplittableRandom(3), null);
    List<String> bridges = FIVE.stream().filter(n -> hears(g, n).size() == 5).toList();
    assertThat(bridges).hasSize(1);
    FIVE.stream()
        .filter(n -> !bridges.contains(n))
        .forEach(n -> assertThat(hears(g, n)).hasSize(3).contains(bridges.get(0)));
  }

  @Test
  void oneWayCutsOnlyOneDirection() {
    Grudge g = Grudge.draw("one-way", FIVE, new SplittableRandom(5), null);
    for (Grudge.Link cut : g.cutLinks()) {
      assertThat(g.cutLinks()).doesNotContain(new Grudge.Link(cut.to(), cut.from()));
    }
    assertThat(g.cutLinks()).isNotEmpty();
  }

  @Test
  void theSameSeedDrawsTheSameGrudge() {
    assertThat(Grudge.draw("halves", FIVE, new SplittableRandom(9), null))
        .isEqualTo(Grudge.draw("halves", FIVE, new SplittableRandom(9), null));
    assertThat(Grudge.draw("majorities-ring", FIVE, new SplittableRandom(9), null).toValue())
        .containsEntry("kind", "majorities-ring")
        .containsKey("drops");
    assertThat(
            (Map<?, ?>)
                Grudge.draw("isolate-one", FIVE, new SplittableRandom(9), null)
                    .toValue()
                    .get("drops"))
        .hasSize(5);
  }

  @Test
  void anUnknownKindIsNamed() {
    assertThatThrownBy(() -> Grudge.draw("moat", FIVE, new SplittableRandom(1), null))
        .hasMessageStartingWith("unknown partition 'moat'; partitions: halves, isolate-one");
  }

  @Test
  void aRingInAGivenOrderCutsBetweenNonNeighboursAndMoreOnRequest() {
    Grudge ring = Grudge.majoritiesRing(List.of("n2", "n4", "n1", "n5", "n3"));
    assertThat(hears(ring, "n1")).containsExactlyInAnyOrder("n4", "n1", "n5");
    assertThat(hears(ring, "n3")).containsExactlyInAnyOrder("n5", "n3", "n2");
    Grudge cut = ring.cutBetween("n1", "n5");
    assertThat(hears(cut, "n1")).containsExactlyInAnyOrder("n4", "n1");
    assertThat(hears(cut, "n5")).containsExactlyInAnyOrder("n3", "n5");
    assertThat(cut.kind()).isEqualTo("majorities-ring");
  }

  @Test
  void aGrudgeReadsBackFromItsValue() {
    Grudge g = Grudge.majoritiesRing(FIVE).cutBetween("n1", "n2");
    assertThat(Grudge.fromValue(g.toValue())).isEqualTo(g);
    assertThatThrownBy(() -> Grudge.fromValue(Map.of("kind", "x", "drops", Map.of("n1", "n2"))))
        .hasMessage("the drops of n1 must be a list of nodes, not n2");
  }
}
