package io.faultline.raft.protocol;

import java.nio.ByteBuffer;

/**
 * One client operation on the key-value store, as sent by clients and stored in log entries. Writes carry the
 * client's session ({@code clientId}, {@code seq}) so that a retried write is applied at most once (thesis §6.3);
 * {@link Op#OPEN} opens that session, and a write of a session that is not open is refused as expired.
 *
 * @param op       the operation
 * @param clientId the client's session id, or 0 for none
 * @param seq      the client's sequence number for this operation; a retry reuses it
 * @param key      the key (null for {@link Op#OPEN})
 * @param arg1     the value for write/append, the expected value for cas, else null
 * @param arg2     the new value for cas, else null
 */
public record KvCommand(Op op, long clientId, long seq, String key, String arg1, String arg2) {

  /** The operations of the state machine. */
  public enum Op {
    READ,
    WRITE,
    CAS,
    APPEND,
    /**
     * Opens the session {@code clientId}, or does nothing if it is open (thesis §6.3, RegisterClient). It has no
     * other effect, so applying a retry of it again is harmless, even after the session expired.
     */
    OPEN;

    static Op of(int code) {
      if (code < 0 || code >= values().length) {
        throw new IllegalArgumentException("unknown op " + code);
      }
      return values()[code];
    }
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(size());
    write(b);
    return b.array();
  }

  public static KvCommand decode(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  int size() {
    return 1 + 16 + Wire.size(key) + Wire.size(arg1) + Wire.size(arg2);
  }

  void write(ByteBuffer b) {
    b.put((byte) op.ordinal()).putLong(clientId).putLong(seq);
    Wire.putString(b, key);
    Wire.putString(b, arg1);
    Wire.putString(b, arg2);
  }

  static KvCommand read(ByteBuffer b) {
    Op op = Op.of(b.get());
    return new KvCommand(
        op, b.getLong(), b.getLong(), Wire.getString(b), Wire.getString(b), Wire.getString(b));
  }
}
