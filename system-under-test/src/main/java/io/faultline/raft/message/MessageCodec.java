package io.faultline.raft.message;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Binary encoding of {@link RaftMessage}s: one type byte, then the fields in record order, big-endian. */
public final class MessageCodec {
  private static final byte VOTE_REQ = 1;
  private static final byte VOTE_RESP = 2;
  private static final byte APPEND_REQ = 3;
  private static final byte APPEND_RESP = 4;
  private static final byte SNAP_REQ = 5;
  private static final byte SNAP_RESP = 6;
  private static final byte TIMEOUT_NOW = 7;

  private MessageCodec() {}

  public static void encode(RaftMessage m, DataOutput out) throws IOException {
    if (m instanceof VoteRequest v) {
      out.writeByte(VOTE_REQ);
      header(v, out);
      out.writeLong(v.lastLogIndex());
      out.writeLong(v.lastLogTerm());
      out.writeBoolean(v.preVote());
      out.writeBoolean(v.transfer());
    } else if (m instanceof VoteResponse v) {
      out.writeByte(VOTE_RESP);
      header(v, out);
      out.writeBoolean(v.granted());
      out.writeBoolean(v.preVote());
    } else if (m instanceof AppendRequest a) {
      out.writeByte(APPEND_REQ);
      header(a, out);
      out.writeLong(a.prevLogIndex());
      out.writeLong(a.prevLogTerm());
      out.writeLong(a.leaderCommit());
      out.writeLong(a.readSeq());
      out.writeInt(a.entries().size());
      for (LogEntry e : a.entries()) {
        out.writeLong(e.index());
        out.writeLong(e.term());
        bytes(e.command(), out);
      }
    } else if (m instanceof AppendResponse a) {
      out.writeByte(APPEND_RESP);
      header(a, out);
      out.writeBoolean(a.success());
      out.writeLong(a.matchIndex());
      out.writeLong(a.conflictIndex());
      out.writeLong(a.conflictTerm());
      out.writeLong(a.requestPrevIndex());
      out.writeLong(a.readSeq());
    } else if (m instanceof SnapshotRequest s) {
      out.writeByte(SNAP_REQ);
      header(s, out);
      out.writeLong(s.snapshot().lastIndex());
      out.writeLong(s.snapshot().lastTerm());
      bytes(s.snapshot().data(), out);
      out.writeLong(s.readSeq());
    } else if (m instanceof SnapshotResponse s) {
      out.writeByte(SNAP_RESP);
      header(s, out);
      out.writeBoolean(s.success());
      out.writeLong(s.lastIndex());
      out.writeLong(s.readSeq());
    } else if (m instanceof TimeoutNow t) {
      out.writeByte(TIMEOUT_NOW);
      header(t, out);
    }
  }

  public static RaftMessage decode(DataInput in) throws IOException {
    byte type = in.readByte();
    long term = in.readLong();
    String from = in.readUTF();
    switch (type) {
      case VOTE_REQ:
        return new VoteRequest(
            term, from, in.readLong(), in.readLong(), in.readBoolean(), in.readBoolean());
      case VOTE_RESP:
        return new VoteResponse(term, from, in.readBoolean(), in.readBoolean());
      case APPEND_REQ:
        return decodeAppend(term, from, in);
      case APPEND_RESP:
        return new AppendResponse(
            term,
            from,
            in.readBoolean(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong());
      case SNAP_REQ:
        Snapshot snap = new Snapshot(in.readLong(), in.readLong(), readBytes(in));
        return new SnapshotRequest(term, from, snap, in.readLong());
      case SNAP_RESP:
        return new SnapshotResponse(term, from, in.readBoolean(), in.readLong(), in.readLong());
      case TIMEOUT_NOW:
        return new TimeoutNow(term, from);
      default:
        throw new IOException("unknown message type " + type);
    }
  }

  private static AppendRequest decodeAppend(long term, String from, DataInput in)
      throws IOException {
    long prevIndex = in.readLong();
    long prevTerm = in.readLong();
    long commit = in.readLong();
    long readSeq = in.readLong();
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative entry count " + n);
    }
    List<LogEntry> entries = new ArrayList<>(Math.min(n, 4096));
    for (int i = 0; i < n; i++) {
      entries.add(new LogEntry(in.readLong(), in.readLong(), readBytes(in)));
    }
    return new AppendRequest(term, from, prevIndex, prevTerm, entries, commit, readSeq);
  }

  private static void header(RaftMessage m, DataOutput out) throws IOException {
    out.writeLong(m.term());
    out.writeUTF(m.from());
  }

  private static void bytes(byte[] b, DataOutput out) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
