package io.faultline.nemesis.toxiproxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.nemesis.toxiproxy.toxic.SimulatedStream.Output;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each toxic does to a stream, on a simulated clock: exact outputs at exact times. */
class StagesTest {

  @Test
  void latencyDelaysEveryChunkAndKeepsOrderDespiteJitter() {
    SimulatedStream s =
        new SimulatedStream(ToxicType.LATENCY, Map.of("latency", 100L, "jitter", 50L));
    for (int i = 0; i < 20; i++) {
      s.send(Character.toString('a' + i));
      s.advanceMillis(1);
    }
    s.end();
    s.advanceMillis(
        29); // t = 49 ms: even the earliest chunk with the most negative jitter is not due yet
    assertThat(s.outputs()).isEmpty();
    s.advanceMillis(200);
    assertThat(s.received()).isEqualTo("abcdefghijklmnopqrst");
    assertThat(s.outputs())
        .extracting(Output::atMillis)
        .isSorted()
        .allMatch(t -> t >= 50 && t <= 170);
    assertThat(s.ended()).isTrue();
  }

  @Test
  void bandwidthPacesTheStreamInPiecesOfATenthOfASecond() {
    SimulatedStream s =
        new SimulatedStream(ToxicType.BANDWIDTH, Map.of("rate", 1L)); // 1 byte per ms
    s.send("x".repeat(250));
    s.advanceMillis(1_000);
    assertThat(s.outputs()).extracting(Output::atMillis).containsExactly(100L, 200L, 250L);
    assertThat(s.received()).hasSize(250);
  }

  @Test
  void bandwidthZeroStallsUntilTheToxicLeaves() {
    SimulatedStream s = new SimulatedStream(ToxicType.BANDWIDTH, Map.of("rate", 0L));
    s.send("held");
    s.end();
    s.advanceMillis(60_000);
    assertThat(s.outputs()).isEmpty();
    SimulatedStream after = new SimulatedStream(ToxicType.LATENCY, Map.of());
    s.stage().drainTo(after.stage());
    assertThat(after.received()).isEqualTo("held");
    assertThat(after.ended()).isTrue();
  }

  @Test
  void slicerCutsChunksIntoDelayedSlices() {
    SimulatedStream s =
        new SimulatedStream(
            ToxicType.SLICER, Map.of("average_size", 4L, "size_variation", 0L, "delay", 1_000L));
    s.send("abcdefghij");
    s.advanceMillis(10);
    assertThat(s.outputs())
        .containsExactly(new Output(0, "abcd"), new Output(1, "efgh"), new Output(2, "ij"));
  }

  @Test
  void limitDataCutsAtTheLimitAndEndsTheStream() {
    SimulatedStream s = new SimulatedStream(ToxicType.LIMIT_DATA, Map.of("bytes", 5L));
    s.send("abc");
    s.send("defg");
    s.send("more");
    assertThat(s.received()).isEqualTo("abcde");
    assertThat(s.ended()).isTrue();
    assertThat(s.discardedBytes()).isEqualTo(6);
  }

  @Test
  void timeoutDropsDataThenEndsAfterTheTimeout() {
    SimulatedStream s = new SimulatedStream(ToxicType.TIMEOUT, Map.of("timeout", 200L));
    s.send("lost");
    s.advanceMillis(199);
    assertThat(s.outputs()).isEmpty();
    s.advanceMillis(1);
    assertThat(s.outputs()).containsExactly(new Output(200, Output.END));
    assertThat(s.discardedBytes()).isEqualTo(4);
  }

  @Test
  void timeoutZeroIsABlackholeThatEndsTheStreamWhenRemoved() {
    SimulatedStream s = new SimulatedStream(ToxicType.TIMEOUT, Map.of("timeout", 0L));
    s.send("lost");
    s.end();
    s.advanceMillis(60_000);
    assertThat(s.outputs()).isEmpty();
    SimulatedStream successor = new SimulatedStream(ToxicType.LATENCY, Map.of());
    s.stage().onRemoved(successor.stage());
    assertThat(successor.ended()).isTrue();
  }

  @Test
  void resetPeerResetsTheTimeoutAfterTheFirstData() {
    SimulatedStream s = new SimulatedStream(ToxicType.RESET_PEER, Map.of("timeout", 100L));
    s.advanceMillis(500);
    assertThat(s.outputs()).isEmpty();
    s.send("boom");
    s.advanceMillis(100);
    assertThat(s.outputs()).containsExactly(new Output(600, Output.END));
    assertThat(s.wasReset()).isTrue();
  }

  @Test
  void slowCloseDelaysOnlyTheEnd() {
    SimulatedStream s = new SimulatedStream(ToxicType.SLOW_CLOSE, Map.of("delay", 300L));
    s.send("now");
    s.end();
    s.advanceMillis(300);
    assertThat(s.outputs()).containsExactly(new Output(0, "now"), new Output(300, Output.END));
  }
}
