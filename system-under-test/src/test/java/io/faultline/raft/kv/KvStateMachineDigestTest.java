package io.faultline.raft.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.protocol.KvCommand;
import org.junit.jupiter.api.Test;

/** The digests that let replicas be compared at one applied index (see {@link AppliedDigest}). */
class KvStateMachineDigestTest {

  private static byte[] write(String key, String value, long seq) {
    return new KvCommand(KvCommand.Op.WRITE, 7, seq, key, value, null).encode();
  }

  private static byte[] append(String key, String value, long seq) {
    return new KvCommand(KvCommand.Op.APPEND, 7, seq, key, value, null).encode();
  }

  @Test
  void membersThatApplyTheSameCommandsAgreeAtEveryIndexAndOneOtherCommandSplitsThem() {
    KvStateMachine a = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    KvStateMachine b = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    for (int i = 1; i <= 20; i++) {
      a.apply(i, append("k" + i % 3, "v" + i, i));
      b.apply(i, append("k" + i % 3, "v" + i, i));
    }
    assertThat(a.digestAt(10)).isEqualTo(b.digestAt(10)).isPresent();
    assertThat(a.latestDigest()).isEqualTo(b.latestDigest());

    a.apply(21, write("x", "1", 21));
    b.apply(21, write("x", "2", 21));
    assertThat(a.digestAt(21).orElseThrow().chain())
        .isNotEqualTo(b.digestAt(21).orElseThrow().chain());
    assertThat(a.digestAt(21).orElseThrow().state())
        .isNotEqualTo(b.digestAt(21).orElseThrow().state());
    assertThat(a.digestAt(20)).isEqualTo(b.digestAt(20));
  }

  @Test
  void aDigestHoldsOverTheNoOpsAfterItsCommandAndOldIndexesAreForgotten() {
    KvStateMachine sm = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    sm.apply(3, write("x", "1", 1)); // indexes 1, 2 and 4 are no-ops the state machine never sees
    sm.apply(5, write("x", "2", 2));
    assertThat(sm.digestAt(4).orElseThrow().index()).isEqualTo(3);
    assertThat(sm.digestAt(2).orElseThrow().index()).isZero();
    for (int i = 6; i < 6 + KvStateMachine.DIGEST_RING; i++) {
      sm.apply(i, write("x", "v" + i, i));
    }
    assertThat(sm.digestAt(5)).isEmpty();
    assertThat(sm.oldestDigestIndex()).isEqualTo(6);
    assertThat(sm.digestAt(sm.oldestDigestIndex())).isPresent();
  }

  @Test
  void aRestoredSnapshotCarriesTheDigestAndTheStateIsHashedFromTheRestoredData() {
    KvStateMachine leader = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    for (int i = 1; i <= 10; i++) {
      leader.apply(i, i % 2 == 0 ? append("list", "e" + i, i) : write("r", "w" + i, i));
    }
    KvStateMachine follower = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    follower.restoreSnapshot(leader.takeSnapshot());
    assertThat(follower.latestDigest()).isEqualTo(leader.latestDigest());
    assertThat(follower.digestAt(9)).isEmpty(); // before the snapshot

    leader.apply(11, append("list", "e11", 11));
    follower.apply(11, append("list", "e11", 11));
    assertThat(follower.digestAt(11)).isEqualTo(leader.digestAt(11));

    // A snapshot whose data lost a key keeps the chain but not the state hash.
    KvStateMachine lossy = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    lossy.restoreSnapshot(leader.takeSnapshot());
    KvStateMachine withoutR = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    withoutR.apply(1, append("list", "x", 1));
    byte[] damaged = withoutR.takeSnapshot();
    lossy.restoreSnapshot(damaged);
    assertThat(lossy.latestDigest().state()).isNotEqualTo(leader.latestDigest().state());
  }

  @Test
  void theIncrementalStateHashEqualsTheHashOfTheSameStateRebuiltFromAList() {
    KvStateMachine incremental = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    incremental.apply(1, write("k", "a", 1));
    incremental.apply(2, append("k", "b", 2)); // "a" becomes the list [a, b]
    incremental.apply(3, append("k", "c", 3));
    KvStateMachine restored = new KvStateMachine(KvStateMachine.Sessions.REAPPLY_EVICTED);
    restored.restoreSnapshot(incremental.takeSnapshot());
    assertThat(restored.latestDigest().state()).isEqualTo(incremental.latestDigest().state());
    assertThat(restored.get("k")).isEqualTo(java.util.List.of("a", "b", "c"));
  }
}
