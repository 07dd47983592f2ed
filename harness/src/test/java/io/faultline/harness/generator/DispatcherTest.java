package io.faultline.harness.generator;

import static io.faultline.harness.generator.Generators.clients;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.seq;
import static io.faultline.harness.generator.Generators.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.Op;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dispatcher step by step, as a driver sees it. */
@Timeout(10)
class DispatcherTest {

  @Test
  void aDriverInvokesWaitsForTheCompletionAndThenIsDone() {
    Dispatcher d = new Dispatcher(once("read", null), 2, 0);
    Dispatcher.Decision.Invoke inv = (Dispatcher.Decision.Invoke) d.next(5);
    assertThat(inv.op()).isEqualTo(new Op(-1, 5, Op.Type.INVOKE, 0, "read", null, null, null));
    assertThat(inv.thread()).isZero();
    assertThat(d.inFlight()).isEqualTo(1);
    assertThat(d.next(6)).isEqualTo(new Dispatcher.Decision.Wait(Long.MAX_VALUE));
    d.complete(Op.ok(0, "read", 3L), 9);
    assertThat(d.inFlight()).isZero();
    assertThat(d.next(9)).isEqualTo(Dispatcher.Decision.DONE);
  }

  @Test
  void aSleepingThreadWakesUpAtItsTimeWithoutTheDriverDoingAnything() {
    Dispatcher d =
        new Dispatcher(clients(seq(sleep(Duration.ofNanos(100)), once("read", null))), 1, 0);
    assertThat(d.next(0)).isEqualTo(new Dispatcher.Decision.Wait(100));
    assertThat(d.next(50)).isEqualTo(new Dispatcher.Decision.Wait(100));
    assertThat(((Dispatcher.Decision.Invoke) d.next(100)).op().time()).isEqualTo(100);
  }

  @Test
  void aCompletionMustBelongToAnOpInFlight() {
    Dispatcher d = new Dispatcher(once("read", null), 1, 0);
    assertThatThrownBy(() -> d.complete(Op.ok(0, "read", null), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no op of process 0 is in flight");
    assertThatThrownBy(() -> d.complete(invoke("read", null), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void afterAnInfoTheThreadsNextOpHasTheNextProcess() {
    Dispatcher d = new Dispatcher(Generators.repeat(invoke("read", null)), 3, 0);
    Op first = ((Dispatcher.Decision.Invoke) d.next(0)).op();
    d.complete(Op.info(first.process(), "read", null), 1);
    assertThat(d.context().process(0)).isEqualTo(3);
    assertThat(((Dispatcher.Decision.Invoke) d.next(1)).op().process()).isEqualTo(3);
  }
}
