package io.faultline.raft.client;

import io.faultline.raft.UnsafeMode;
import io.faultline.raft.protocol.ClientFrames;
import io.faultline.raft.protocol.KvCommand;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocking client of the Raft key-value store, for one thread at a time (methods are synchronized).
 *
 * <p>Each operation has a deadline of {@code timeout}. Within it the client finds the leader (following
 * {@code NOT_LEADER} redirects, trying the other nodes when one is unreachable), and retries a write whose outcome
 * is unknown with the <em>same</em> session sequence number, so the cluster applies it at most once (thesis §6.3).
 * When the deadline passes: a write that may have reached a leader throws {@link IndeterminateFailure}; anything
 * else, and every read, throws {@link DefiniteFailure}.
 *
 * <p>The session is opened before the first write ({@link KvCommand.Op#OPEN}). A node answers a write of a session
 * it no longer has (evicted) with {@code SESSION_EXPIRED}: that attempt was not applied, so the write fails
 * definitely, unless an earlier attempt of it may have been applied, when the outcome is unknown, as for any
 * refusal after an uncertain attempt. The client then opens a new session, with a new id, for its next write.
 *
 * <p>A node that runs a client-played unsafe mode names it in its answer to the session open
 * ({@link UnsafeMode#playedByClient}), and the client plays it from then on: with {@code timeout-as-failure} a
 * write whose outcome is unknown at its deadline throws {@link DefiniteFailure}.
 */
public final class RaftKvClient implements AutoCloseable {
  private static final long ATTEMPT_MILLIS = 1000;

  /**
   * An attempt is started only with at least this much of the timeout left (a tenth of it, at least 2 ms), so
   * that the last attempt of a write does not turn a definite refusal into an unknown outcome by timing out.
   */
  private final long minAttemptNanos;

  private static final SecureRandom IDS = new SecureRandom();

  private final List<InetSocketAddress> nodes;
  private final long timeoutNanos;
  private long clientId;
  private boolean sessionOpen;

  /**
   * {@code --unsafe-timeout-as-failure}, which the node that opened this client's session named in its answer: a
   * write whose outcome is unknown when the deadline passes fails definitely (a deliberate bug).
   */
  private boolean timeoutAsFailure;

  private final Map<String, InetSocketAddress> addressOfNode = new HashMap<>();
  private long seq;
  private long requestId;
  private LogPosition lastWrite;
  private int target;
  private Socket socket;
  private DataInputStream in;
  private OutputStream out;

  private RaftKvClient(List<InetSocketAddress> nodes, Duration timeout) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes");
    }
    this.nodes = List.copyOf(nodes);
    this.timeoutNanos = timeout.toNanos();
    this.minAttemptNanos = Math.max(2_000_000L, timeoutNanos / 10);
    this.clientId = newClientId();
  }

  private static long newClientId() {
    long id;
    do {
      id = IDS.nextLong();
    } while (id == 0);
    return id;
  }

  /** A client of the cluster whose nodes serve the client protocol at these addresses. Connects lazily. */
  public static RaftKvClient connect(List<InetSocketAddress> nodes, Duration timeout) {
    return new RaftKvClient(nodes, timeout);
  }

  /**
   * Like {@link #connect(List, Duration)}, but knowing each node's id, so that a {@code NOT_LEADER} redirect goes
   * straight to the leader's address.
   */
  public static RaftKvClient connect(Map<String, InetSocketAddress> nodesById, Duration timeout) {
    RaftKvClient c = new RaftKvClient(new ArrayList<>(nodesById.values()), timeout);
    c.addressOfNode.putAll(nodesById);
    return c;
  }

  /**
   * Where the last acknowledged write of this client sits in the log, as the leader that acknowledged it said;
   * null when the last operation was not an acknowledged write, or the node did not say (an older store).
   */
  public synchronized LogPosition lastWrite() {
    return lastWrite;
  }

  /** The value: null, a String, or (after appends) an immutable {@code List<String>}. */
  public synchronized Object read(String key) {
    return execute(new KvCommand(KvCommand.Op.READ, 0, 0, key, null, null), deadline());
  }

  public synchronized void write(String key, String value) {
    update(KvCommand.Op.WRITE, key, value, null);
  }

  /** Sets {@code key} to {@code to} if it holds {@code from}; returns whether it did. */
  public synchronized boolean cas(String key, String from, String to) {
    return (Boolean) update(KvCommand.Op.CAS, key, from, to);
  }

  /** Appends {@code value} to the list at {@code key}. */
  public synchronized void append(String key, String value) {
    update(KvCommand.Op.APPEND, key, value, null);
  }

  /** Runs a write in this client's session, opening the session first if it is not open. */
  private Object update(KvCommand.Op op, String key, String arg1, String arg2) {
    long deadline = deadline();
    if (!sessionOpen) {
      try {
        Object opened =
            execute(new KvCommand(KvCommand.Op.OPEN, clientId, 0, null, null, null), deadline);
        timeoutAsFailure =
            opened instanceof List<?> modes && modes.contains(UnsafeMode.TIMEOUT_AS_FAILURE.flag());
      } catch (RaftKvException e) {
        // Opening has no effect on the data, and the write itself was never sent.
        throw new DefiniteFailure(
            op.name().toLowerCase(java.util.Locale.ROOT) + " " + key + ": no session", e);
      }
      sessionOpen = true;
    }
    return execute(new KvCommand(op, clientId, ++seq, key, arg1, arg2), deadline);
  }

  private long deadline() {
    return System.nanoTime() + timeoutNanos;
  }

  /**
   * Sends the next operation to the first node this client was given, as a client bound to one node does, instead
   * of to the leader it found last; redirects are followed as usual. A harness calls it before each operation so
   * that every node serves its own clients, which is what exposes a node that answers from stale state.
   */
  public synchronized void startAtFirstNode() {
    if (target != 0) {
      disconnect();
      target = 0;
    }
  }

  /** The address of the node this client sends to now (the leader, after a successful operation). */
  public synchronized InetSocketAddress currentNodeForTest() {
    return nodes.get(target);
  }

  /**
   * This client's session id (thesis §6.3), as it appears in the nodes' session tables; a new one after the session
   * expired.
   */
  public synchronized long clientId() {
    return clientId;
  }

  @Override
  public synchronized void close() {
    disconnect();
  }

  private Object execute(KvCommand cmd, long deadline) {
    lastWrite = null;
    boolean write = cmd.op() != KvCommand.Op.READ;
    boolean maybeApplied = false;
    Exception last = null;
    while (deadline - System.nanoTime() > minAttemptNanos) {
      try {
        connectIfNeeded(deadline);
      } catch (IOException e) {
        last = e;
        nextNode(null);
        pause(deadline, 10);
        continue;
      }
      if (deadline - System.nanoTime() <= minAttemptNanos) {
        break; // too late to send and still hear the answer: sending would only add uncertainty
      }
      boolean sent = false;
      try {
        long id = ++requestId;
        out.write(ClientFrames.request(id, cmd).array());
        sent = write;
        out.flush();
        ClientFrames.Response r = awaitResponse(id, deadline);
        switch (r.status()) {
          case ClientFrames.OK:
            if (write && r.index() > 0) {
              lastWrite = new LogPosition(r.index(), r.term());
            }
            return r.value();
          case ClientFrames.NOT_LEADER:
            learn(r.responder());
            boolean noUsefulHint = r.leader() == null || r.leader().equals(r.responder());
            nextNode(noUsefulHint ? null : r.leader());
            last =
                new IOException(
                    "node " + r.responder() + " is not the leader (leader: " + r.leader() + ")");
            pause(deadline, noUsefulHint ? 20 : 1);
            break;
          case ClientFrames.UNCERTAIN:
            maybeApplied = true;
            last = new IOException("node " + r.responder() + " lost leadership; outcome unknown");
            nextNode(null);
            pause(deadline, 10);
            break;
          case ClientFrames.SESSION_EXPIRED:
            expireSession();
            String expired = "session expired at node " + r.responder();
            throw maybeApplied
                ? new IndeterminateFailure(expired + " after an earlier attempt", null)
                : new DefiniteFailure(expired, null);
          default:
            String msg = "request rejected by node " + r.responder();
            throw maybeApplied
                ? new IndeterminateFailure(msg + " after an earlier attempt", null)
                : new DefiniteFailure(msg, null);
        }
      } catch (IOException e) {
        maybeApplied |= sent;
        last = e;
        disconnect();
        nextNode(null);
      }
    }
    String what =
        cmd.op() == KvCommand.Op.OPEN
            ? "open session"
            : cmd.op().name().toLowerCase(java.util.Locale.ROOT) + " " + cmd.key();
    if (maybeApplied && !timeoutAsFailure) {
      throw new IndeterminateFailure(
          what + ": outcome unknown after " + timeoutNanos / 1_000_000 + " ms", last);
    }
    throw new DefiniteFailure(what + ": failed after " + timeoutNanos / 1_000_000 + " ms", last);
  }

  /** The nodes no longer know this session (thesis §6.3): the next write opens a new one, under a new id. */
  private void expireSession() {
    clientId = newClientId();
    seq = 0;
    sessionOpen = false;
  }

  private ClientFrames.Response awaitResponse(long id, long deadline) throws IOException {
    while (true) {
      long remainingMs = Math.min(ATTEMPT_MILLIS, (deadline - System.nanoTime()) / 1_000_000);
      if (remainingMs <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) remainingMs);
      int len = in.readInt();
      if (len < 9 || len > ClientFrames.MAX_FRAME) {
        throw new IOException("bad frame length " + len);
      }
      byte[] body = new byte[len];
      in.readFully(body);
      ClientFrames.Response r;
      try {
        r = ClientFrames.readResponse(ByteBuffer.wrap(body));
      } catch (RuntimeException e) {
        throw new IOException("malformed response", e);
      }
      if (r.requestId() == id) {
        return r;
      }
    }
  }

  private void connectIfNeeded(long deadline) throws IOException {
    if (socket != null) {
      return;
    }
    long ms = Math.max(1, Math.min(ATTEMPT_MILLIS, (deadline - System.nanoTime()) / 1_000_000));
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(nodes.get(target), (int) ms);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
    out = new java.io.BufferedOutputStream(s.getOutputStream());
  }

  /** Remembers which address the node that answered has (the leader hint is a node id). */
  private void learn(String responder) {
    if (responder != null) {
      addressOfNode.put(responder, nodes.get(target));
    }
  }

  /** Moves to the hinted leader if its address is known, else to the next address not known to be a follower. */
  private void nextNode(String leaderHint) {
    disconnect();
    InetSocketAddress hinted = leaderHint == null ? null : addressOfNode.get(leaderHint);
    if (hinted != null) {
      target = nodes.indexOf(hinted);
      return;
    }
    List<InetSocketAddress> known = new ArrayList<>(addressOfNode.values());
    for (int i = 1; i <= nodes.size(); i++) {
      int candidate = (target + i) % nodes.size();
      if (leaderHint == null || !known.contains(nodes.get(candidate)) || i == nodes.size()) {
        target = candidate;
        return;
      }
    }
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }

  private static void pause(long deadline, long ms) {
    long remaining = (deadline - System.nanoTime()) / 1_000_000;
    if (ms > 0 && remaining > 0) {
      try {
        Thread.sleep(Math.min(ms, remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
