package io.faultline.raft.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk record frame shared by every file of the store: a 4-byte payload length, a 4-byte CRC32C of the
 * payload, then the payload. A frame whose length is implausible or whose checksum does not match marks the end of
 * the valid data: that is how a torn write left by a crash is recognised. Payloads are never empty, so a run of
 * zero bytes (which a crash can leave behind) is never mistaken for a record.
 */
final class RecordIo {
  static final int HEADER = 8;
  static final int MAX_PAYLOAD = 256 << 20;

  private RecordIo() {}

  /** Frames the payload. */
  static ByteBuffer frame(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
    return b;
  }

  /**
   * Reads the frame at the buffer's position and advances past it, or returns null (position unchanged) if the
   * bytes there are not a complete, intact frame.
   */
  static byte[] read(ByteBuffer b) {
    if (b.remaining() < HEADER) {
      return null;
    }
    int start = b.position();
    int len = b.getInt(start);
    int crc = b.getInt(start + 4);
    if (len <= 0 || len > MAX_PAYLOAD || b.remaining() - HEADER < len) {
      return null;
    }
    byte[] payload = new byte[len];
    b.get(start + HEADER, payload);
    if (crc(payload, 0, len) != crc) {
      return null;
    }
    b.position(start + HEADER + len);
    return payload;
  }

  static int crc(byte[] data, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(data, off, len);
    return (int) c.getValue();
  }
}
