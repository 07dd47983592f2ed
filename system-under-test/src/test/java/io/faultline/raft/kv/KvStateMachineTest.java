package io.faultline.raft.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.protocol.KvCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client sessions of the state machine (thesis §6.3): opened, deduplicated, evicted and then expired. */
class KvStateMachineTest {
  private long index;

  private static KvCommand open(long client) {
    return new KvCommand(KvCommand.Op.OPEN, client, 0, null, null, null);
  }

  private static KvCommand append(long client, long seq, String value) {
    return new KvCommand(KvCommand.Op.APPEND, client, seq, "l", value, null);
  }

  private Object apply(KvStateMachine sm, KvCommand c) {
    return sm.apply(++index, c.encode());
  }

  @Test
  void retryInAnOpenSessionIsAppliedOnce() {
    KvStateMachine sm = new KvStateMachine(KvStateMachine.Sessions.EXPIRE);
    apply(sm, open(1));
    apply(sm, append(1, 1, "a"));
    apply(sm, open(1)); // a retried open changes nothing
    apply(sm, append(1, 1, "a"));
    assertThat(sm.get("l")).isEqualTo(List.of("a"));
  }

  @Test
  void writeOfASessionNeverOpenedExpires() {
    KvStateMachine sm = new KvStateMachine(KvStateMachine.Sessions.EXPIRE);
    assertThat(apply(sm, append(1, 1, "a"))).isSameAs(KvStateMachine.SESSION_EXPIRED);
    assertThat(sm.get("l")).isNull();
  }

  /**
   * A client's retry arrives after 10,000 newer sessions pushed its own out of the table. The correct state machine
   * refuses it as expired; with {@code --unsafe-session-evict-reapply} it applies it a second time.
   */
  @ParameterizedTest
  @EnumSource(
      value = KvStateMachine.Sessions.class,
      names = {"EXPIRE", "REAPPLY_EVICTED"})
  void retryOfAnEvictedSessionExpiresInsteadOfApplyingAgain(KvStateMachine.Sessions policy) {
    KvStateMachine sm = new KvStateMachine(policy);
    apply(sm, open(1));
    apply(sm, append(1, 1, "a"));
    for (long other = 2; other <= KvStateMachine.MAX_SESSIONS + 1; other++) {
      apply(sm, open(other));
    }
    Object retry = apply(sm, append(1, 1, "a"));
    if (policy == KvStateMachine.Sessions.EXPIRE) {
      assertThat(retry).isSameAs(KvStateMachine.SESSION_EXPIRED);
      assertThat(sm.get("l")).isEqualTo(List.of("a"));
    } else {
      assertThat(sm.get("l")).as("the bug: applied twice").isEqualTo(List.of("a", "a"));
    }
  }

  @Test
  void sessionsSurviveASnapshot() {
    KvStateMachine sm = new KvStateMachine(KvStateMachine.Sessions.EXPIRE);
    apply(sm, open(1));
    apply(sm, append(1, 1, "a"));
    KvStateMachine restored = new KvStateMachine(KvStateMachine.Sessions.EXPIRE);
    restored.restoreSnapshot(sm.takeSnapshot());
    apply(restored, append(1, 1, "a"));
    assertThat(apply(restored, append(2, 1, "b"))).isSameAs(KvStateMachine.SESSION_EXPIRED);
    assertThat(restored.get("l")).isEqualTo(List.of("a"));
  }
}
