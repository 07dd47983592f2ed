package io.faultline.raft.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The acknowledged write's log position rides after the value, where older readers do not look. */
class ClientFramesTest {

  private static ClientFrames.Response decode(ByteBuffer frame) {
    frame.getInt(); // the length prefix
    return ClientFrames.readResponse(frame);
  }

  @Test
  void anAcknowledgedWriteCarriesItsIndexAndTerm() {
    ClientFrames.Response r =
        decode(ClientFrames.response(9, ClientFrames.OK, "v", null, null, 42, 3));
    assertThat(r.value()).isEqualTo("v");
    assertThat(r.index()).isEqualTo(42);
    assertThat(r.term()).isEqualTo(3);
  }

  @Test
  void aReplyWithoutAPositionDecodesAsBeforeWithIndexAndTermZero() {
    ClientFrames.Response r = decode(ClientFrames.response(9, ClientFrames.OK, null, null, null));
    assertThat(r.index()).isZero();
    assertThat(r.term()).isZero();
    ClientFrames.Response refused =
        decode(ClientFrames.response(9, ClientFrames.NOT_LEADER, null, "n1", "n2", 5, 5));
    assertThat(refused.leader()).isEqualTo("n2");
    assertThat(refused.index()).isZero();
  }
}
