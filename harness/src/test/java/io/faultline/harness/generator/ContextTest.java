package io.faultline.harness.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.Op;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(10)
class ContextTest {
  private final Context start = Context.initial(3, 1);

  @Test
  void atTheStartEveryThreadIsFreeAndRunsItsOwnProcess() {
    assertThat(start.time()).isZero();
    assertThat(start.threads()).containsExactly(0, 1, 2, 3);
    assertThat(start.freeThreads()).containsExactly(0, 1, 2, 3);
    assertThat(start.process(2)).isEqualTo(2);
    assertThat(start.process(start.nemesisThread())).isEqualTo(Op.NEMESIS);
    assertThat(start.allThreadsFree()).isTrue();
  }

  @Test
  void aCrashedClientThreadContinuesAsProcessPPlusConcurrency() {
    Context c = start.withNextProcess(1).withNextProcess(1).withNextProcess(start.nemesisThread());
    assertThat(c.process(1)).isEqualTo(7);
    assertThat(c.threadOf(7)).isEqualTo(1);
    assertThat(c.threadOf(Op.NEMESIS)).isEqualTo(3);
    assertThat(c.process(3)).isEqualTo(Op.NEMESIS);
    assertThat(start.process(1)).as("contexts are immutable").isEqualTo(1);
  }

  @Test
  void busyThreadsAreNotOfferedAndTheNemesisOnlyWhenItIsAllThereIs() {
    Context c = start.withThreadBusy(0).withThreadBusy(1);
    assertThat(c.someFreeProcess()).hasValue(2);
    assertThat(c.withThreadBusy(2).someFreeProcess()).isEmpty();
    assertThat(c.withThreadBusy(2).allThreadsFree()).isFalse();
    BitSet nemesisOnly = new BitSet();
    nemesisOnly.set(3);
    assertThat(c.onThreads(nemesisOnly).someFreeProcess()).hasValue(Op.NEMESIS);
    assertThat(c.withThreadFree(0).someFreeProcess()).hasValue(0);
  }

  @Test
  void aRestrictedContextOnlySeesItsThreads() {
    Context c = start.withThreadBusy(2).onThread(2);
    assertThat(c.threads()).containsExactly(2);
    assertThat(c.freeThreads()).isEmpty();
    assertThat(c.someFreeThread()).isEqualTo(-1);
    assertThat(c.withThreadFree(2).allThreadsFree()).isTrue();
    assertThat(c.isFree(0)).as("thread 0 is free but not visible").isFalse();
  }

  @Test
  void theRandomStreamDependsOnlyOnTheSeedAndTheTick() {
    long a = start.withTick(5).withTime(99).random().nextLong();
    long b = Context.initial(3, 1).withTick(5).random().nextLong();
    long c = Context.initial(3, 2).withTick(5).random().nextLong();
    long d = start.withTick(6).random().nextLong();
    assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
  }

  @Test
  void concurrencyMustBePositive() {
    assertThatThrownBy(() -> Context.initial(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
