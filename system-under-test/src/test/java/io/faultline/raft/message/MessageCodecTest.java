package io.faultline.raft.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static RaftMessage roundTrip(RaftMessage m) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    MessageCodec.encode(m, new DataOutputStream(b));
    return MessageCodec.decode(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
  }

  @Test
  void everyMessageSurvivesEncoding() throws IOException {
    List<RaftMessage> messages =
        List.of(
            new VoteRequest(3, "n1", 10, 2, true, false),
            new TimeoutNow(6, "n2"),
            new VoteResponse(3, "n2", true, false),
            new AppendResponse(4, "n3", false, 0, 7, 2, 9, 11),
            new SnapshotResponse(5, "n1", true, 40, 3));
    for (RaftMessage m : messages) {
      assertThat(roundTrip(m)).isEqualTo(m);
    }
  }

  @Test
  void entriesAndSnapshotsKeepTheirBytes() throws IOException {
    AppendRequest a =
        (AppendRequest)
            roundTrip(
                new AppendRequest(
                    2,
                    "n1",
                    4,
                    1,
                    List.of(new LogEntry(5, 2, new byte[] {1, 2}), new LogEntry(6, 2, new byte[0])),
                    4,
                    17));
    assertThat(a.entries()).hasSize(2);
    assertThat(a.entries().get(0).command()).containsExactly(1, 2);
    assertThat(a.entries().get(1).isNoop()).isTrue();
    assertThat(a.readSeq()).isEqualTo(17);

    SnapshotRequest s =
        (SnapshotRequest)
            roundTrip(new SnapshotRequest(2, "n1", new Snapshot(9, 2, new byte[] {7}), 3));
    assertThat(s.snapshot().lastIndex()).isEqualTo(9);
    assertThat(s.snapshot().data()).containsExactly(7);
  }
}
