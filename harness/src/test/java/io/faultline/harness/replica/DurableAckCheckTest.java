package io.faultline.harness.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.db.LogPositions.Ack;
import io.faultline.harness.spi.db.LogPositions.Terms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an acknowledged write stands in one node's final log, and whether a majority still holds it. */
class DurableAckCheckTest {
  private static final Ack ACK = new Ack(12, 3, "write [1 2] by process 0");

  /** A log with no snapshot whose entries 10.. have these terms. */
  private static Terms log(long... terms) {
    return new Terms(9, 2, 9 + terms.length, 10, terms);
  }

  @Test
  void eachNodesLogHoldsReplacesLacksOrCannotTell() {
    assertThat(DurableAckCheck.state(log(2, 3, 3), ACK)).isEqualTo("held");
    assertThat(DurableAckCheck.state(log(2, 3, 4), ACK)).isEqualTo("replaced by term 4");
    assertThat(DurableAckCheck.state(log(2, 3), ACK)).isEqualTo("missing");
    // Compacted: the snapshot's last entry of the ack's term holds it (Log Matching); one of a
    // lower term, or at
    // the ack's own index with another term, replaces it; one of a later term cannot tell.
    assertThat(DurableAckCheck.state(new Terms(15, 3, 20, 16, new long[5]), ACK)).isEqualTo("held");
    assertThat(DurableAckCheck.state(new Terms(15, 2, 20, 16, new long[5]), ACK))
        .startsWith("replaced");
    assertThat(DurableAckCheck.state(new Terms(12, 5, 20, 13, new long[8]), ACK))
        .startsWith("replaced");
    assertThat(DurableAckCheck.state(new Terms(15, 4, 20, 16, new long[5]), ACK))
        .startsWith("unknown");
  }

  @Test
  void aWriteHeldByAMinorityOnlyIsLostAndInvalid() {
    Map<String, Terms> logs = Map.of("n1", log(2, 3, 3), "n2", log(2, 4, 4), "n3", log(2));
    Result r = new DurableAckCheck(List.of(ACK), logs, 3).check(History.of(List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("lostCount", 1);
    assertThat(r.toJson().get("error").toString())
        .contains("index 12 term 3")
        .contains("n1=held")
        .contains("n2=replaced by term 4")
        .contains("n3=missing");
  }

  @Test
  void aMajorityHoldingItIsDurableAndAnUnansweredNodeLeavesItUnverified() {
    Map<String, Terms> two = Map.of("n1", log(2, 3, 3), "n2", log(2, 3, 3), "n3", log(2));
    Result r = new DurableAckCheck(List.of(ACK), two, 3).check(History.of(List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson()).containsEntry("durable", 1).containsEntry("lostCount", 0);

    Map<String, Terms> oneAnswers = Map.of("n1", log(2, 3, 3), "n3", log(2));
    Result unverified =
        new DurableAckCheck(List.of(ACK), oneAnswers, 3).check(History.of(List.of()));
    assertThat(unverified.verdict()).isEqualTo(Verdict.VALID);
    assertThat(unverified.toJson()).containsEntry("unverified", 1).containsEntry("durable", 0);
  }

  @Test
  void aWriteSeenOnAMajorityDuringTheRunIsDurableAlthoughSnapshotsHideItAtTheEnd() {
    Terms compacted = new Terms(15, 4, 20, 16, new long[5]);
    LogSample during =
        new LogSample(1, Map.of("n1", log(2, 3, 3), "n2", log(2, 3, 3), "n3", log(2)));
    LogSample last = new LogSample(1, Map.of("n1", compacted, "n2", compacted, "n3", compacted));

    Result r =
        new DurableAckCheck(List.of(ACK), List.of(during, last), 3).check(History.of(List.of()));

    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.toJson())
        .containsEntry("durable", 1)
        .containsEntry("durableSeenOnlyDuringTheRun", 1)
        .containsEntry("unverified", 0);
  }

  @Test
  void aLaterWordOverridesAnEarlierOneAndASampleSpeaksOnlyOfTheWritesAcknowledgedBeforeIt() {
    Ack later = new Ack(13, 3, "write [1 3] by process 1");
    // Before the second write was acknowledged, n2 and n3 lacked index 13: that says nothing of it.
    LogSample early =
        new LogSample(1, Map.of("n1", log(2, 3, 3), "n2", log(2, 3, 3), "n3", log(2, 3, 3)));
    // Then n1 and n2 lose both writes (a crash without fsync): their latest word is "missing".
    LogSample lost = new LogSample(2, Map.of("n1", log(2), "n2", log(2), "n3", log(2, 3, 3, 3)));

    Result r =
        new DurableAckCheck(List.of(ACK, later), List.of(early, lost), 3)
            .check(History.of(List.of()));

    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.toJson()).containsEntry("lostCount", 2);

    Result fine =
        new DurableAckCheck(
                List.of(ACK, later),
                List.of(
                    new LogSample(1, Map.of("n1", log(2), "n2", log(2), "n3", log(2))),
                    new LogSample(
                        2, Map.of("n1", log(2, 3, 3, 3), "n2", log(2, 3, 3, 3), "n3", log(2)))),
                3)
            .check(History.of(List.of()));
    assertThat(fine.verdict()).isEqualTo(Verdict.VALID);
  }
}
