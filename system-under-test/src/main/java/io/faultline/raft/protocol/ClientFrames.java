package io.faultline.raft.protocol;

import java.nio.ByteBuffer;

/**
 * Frames of the client protocol. Over TCP every frame is preceded by its 4-byte length.
 * <ul>
 *   <li>request: {@code requestId:long, KvCommand}</li>
 *   <li>response: {@code requestId:long, status:byte, payload} where the payload is a value for {@link #OK} and
 *       {@code responderId:string, leaderId:string} otherwise. An {@link #OK} answer to a write may add
 *       {@code index:long, term:long} after the value: where the write's entry sits in the log. Readers that do
 *       not know these trailing fields ignore them, and a reply without them decodes with index and term 0.</li>
 * </ul>
 * Status codes: {@link #OK}; {@link #NOT_LEADER} (definite: the node did not append the request);
 * {@link #UNCERTAIN} (indeterminate: appended, then leadership was lost); {@link #REJECTED} (definite: malformed or
 * the node is stopping); {@link #SESSION_EXPIRED} (definite: the client's session is not open, so the command was not
 * applied; thesis §6.3).
 */
public final class ClientFrames {
  public static final byte OK = 0;
  public static final byte NOT_LEADER = 1;
  public static final byte UNCERTAIN = 2;
  public static final byte REJECTED = 3;
  public static final byte SESSION_EXPIRED = 4;

  /** Largest frame either side accepts. */
  public static final int MAX_FRAME = 16 << 20;

  private ClientFrames() {}

  /**
   * A decoded response; {@code index} and {@code term} are those of an acknowledged write's log entry, else 0.
   */
  public record Response(
      long requestId,
      byte status,
      Object value,
      String responder,
      String leader,
      long index,
      long term) {}

  public static ByteBuffer request(long requestId, KvCommand c) {
    ByteBuffer b = ByteBuffer.allocate(4 + 8 + c.size());
    b.putInt(8 + c.size()).putLong(requestId);
    c.write(b);
    return b.flip();
  }

  /** Decodes a request body (without the length prefix); the request id is returned through {@code id[0]}. */
  public static KvCommand readRequest(ByteBuffer body, long[] id) {
    id[0] = body.getLong();
    return KvCommand.read(body);
  }

  /** Encodes a whole response frame, length prefix included, naming no log entry. */
  public static ByteBuffer response(
      long requestId, byte status, Object value, String responder, String leader) {
    return response(requestId, status, value, responder, leader, 0, 0);
  }

  /**
   * Encodes a whole response frame; an {@link #OK} one with {@code index > 0} carries the write's index and term.
   */
  public static ByteBuffer response(
      long requestId,
      byte status,
      Object value,
      String responder,
      String leader,
      long index,
      long term) {
    boolean position = status == OK && index > 0;
    int size =
        8
            + 1
            + (status == OK ? Wire.valueSize(value) : Wire.size(responder) + Wire.size(leader))
            + (position ? 16 : 0);
    ByteBuffer b = ByteBuffer.allocate(4 + size);
    b.putInt(size).putLong(requestId).put(status);
    if (status == OK) {
      Wire.putValue(b, value);
      if (position) {
        b.putLong(index).putLong(term);
      }
    } else {
      Wire.putString(b, responder);
      Wire.putString(b, leader);
    }
    return b.flip();
  }

  /** Decodes a response body (without the length prefix). */
  public static Response readResponse(ByteBuffer body) {
    long id = body.getLong();
    byte status = body.get();
    if (status == OK) {
      Object value = Wire.getValue(body);
      boolean position = body.remaining() >= 16;
      return new Response(
          id,
          status,
          value,
          null,
          null,
          position ? body.getLong() : 0,
          position ? body.getLong() : 0);
    }
    return new Response(id, status, null, Wire.getString(body), Wire.getString(body), 0, 0);
  }
}
