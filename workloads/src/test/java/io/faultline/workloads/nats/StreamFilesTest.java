package io.faultline.workloads.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message blocks written by hand in JetStream's record layout: order, erased records, headers and a torn end. */
class StreamFilesTest {
  @TempDir Path dir;

  private static byte[] record(long seq, String payload, boolean headers) {
    byte[] subject = "queue.v".getBytes(StandardCharsets.UTF_8);
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    byte[] hdr = headers ? "NATS/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8) : new byte[0];
    int length = 22 + subject.length + (headers ? 4 + hdr.length : 0) + body.length + 8;
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(headers ? length | Integer.MIN_VALUE : length).putLong(seq).putLong(0L);
    b.putShort((short) subject.length).put(subject);
    if (headers) {
      b.putInt(hdr.length).put(hdr);
    }
    return b.put(body).putLong(0L).array();
  }

  private void block(int n, byte[]... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      out.write(r);
    }
    Files.createDirectories(dir.resolve("msgs"));
    Files.write(dir.resolve("msgs").resolve(n + ".blk"), out.toByteArray());
  }

  @Test
  void blocksAreReadInOrderWithoutErasedMessagesAndUpToATornRecord() throws Exception {
    byte[] torn = record(5, "5", false);
    block(2, record(4, "4", true), java.util.Arrays.copyOf(torn, torn.length - 3));
    block(1, record(1, "1", false), record(2 | (1L << 63), "2", false), record(3, "3", false));
    block(10, record(6, "6", false));

    assertThat(StreamFiles.read(dir)).isEqualTo(Map.of(1L, "1", 3L, "3", 4L, "4", 6L, "6"));
    assertThat(StreamFiles.read(dir).keySet()).containsExactly(1L, 3L, 4L, 6L);
  }

  @Test
  void aStreamWithoutBlocksIsEmpty() throws Exception {
    assertThat(StreamFiles.read(dir.resolve("absent"))).isEmpty();
  }
}
