package io.faultline.nemesis.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several nemeses as one: ops go by f, and every nemesis heals even when another cannot. */
class ComposedNemesisTest {
  private final List<String> log = new ArrayList<>();

  /** A nemesis that logs what it is asked, and may fail to heal. */
  private Nemesis recording(String name, boolean failsToHeal, String... fs) {
    return new Nemesis() {
      @Override
      public Op invoke(Op op) {
        log.add(name + " " + op.f());
        return op.withValue(name);
      }

      @Override
      public void teardown() {
        log.add(name + " heals");
        if (failsToHeal) {
          throw new IllegalStateException(name + " cannot heal");
        }
      }

      @Override
      public Set<String> fs() {
        return Set.of(fs);
      }
    };
  }

  @Test
  void eachOpGoesToTheNemesisOfItsF() throws Exception {
    ComposedNemesis n =
        new ComposedNemesis(
            List.of(
                recording("a", false, "kill", "start"), recording("b", false, "pause", "resume")));

    assertThat(n.invoke(Op.invoke(Op.NEMESIS, "pause", "all")).value()).isEqualTo("b");
    assertThat(n.invoke(Op.invoke(Op.NEMESIS, "kill", "all")).value()).isEqualTo("a");
    assertThat(n.fs()).containsExactlyInAnyOrder("kill", "start", "pause", "resume");
    assertThatThrownBy(() -> n.invoke(Op.invoke(Op.NEMESIS, "partition", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no nemesis handles f 'partition'");
  }

  @Test
  void twoNemesesCannotShareAnF() {
    assertThatThrownBy(
            () ->
                new ComposedNemesis(
                    List.of(recording("a", false, "kill"), recording("b", false, "kill"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two nemeses handle f 'kill'");
  }

  @Test
  void everyNemesisHealsEvenWhenOneCannotAndTheFailureIsReported() {
    ComposedNemesis n =
        new ComposedNemesis(
            List.of(
                recording("a", true, "kill"),
                recording("b", true, "pause"),
                recording("c", false, "bump-clock")));

    assertThatThrownBy(n::teardown)
        .hasMessage("a cannot heal")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("b cannot heal"));
    assertThat(log).containsExactly("a heals", "b heals", "c heals");
  }
}
