package io.faultline.raft.kv;

import io.faultline.raft.StateMachine;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.protocol.KvCommand;
import io.faultline.raft.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key-value state machine: {@code read k}, {@code write k v}, {@code cas k from to} and {@code append k v}
 * (the value becomes a list; a read returns the list). Values are strings or immutable lists of strings.
 *
 * <p>Client sessions (thesis §6.3): a client opens its session ({@link KvCommand.Op#OPEN}) before its first write;
 * for each open session the last applied sequence number and its result are kept, so a retried command returns the
 * recorded result instead of being applied again. A command older than the session's last one is answered with
 * {@link #STALE} and not applied. The least recently used sessions are evicted beyond {@link #MAX_SESSIONS};
 * eviction follows the apply order, so it is identical on every member. A command of a session that is not open,
 * evicted for example, is answered with {@link #SESSION_EXPIRED} and not applied: the state machine no longer knows
 * whether it applied that command before, and applying a retry again would break at-most-once (§6.3: "the
 * server returns an error" for an expired session).
 *
 * <p>Digests: after each command the state machine records an {@link AppliedDigest} (a hash chained over the
 * commands applied so far, and an order-independent hash of the data and sessions, kept up to date per command) in a
 * ring of the last {@value #DIGEST_RING} commands, so that members can be compared at one applied index although
 * they apply at different speeds. A snapshot carries the chain at its last command; restoring one recomputes the
 * state hash from the restored data, so a snapshot that lost or changed data shows as a different digest.
 */
public final class KvStateMachine implements StateMachine {
  /** The result of a command older than its client's session: it was not applied now. */
  public static final Object STALE = new Object();

  /** The result of a command whose session is not open (never opened, or evicted): it was not applied now. */
  public static final Object SESSION_EXPIRED = new Object();

  static final int MAX_SESSIONS = 10_000;

  /** What the state machine does with client sessions. */
  public enum Sessions {
    /** Deduplicate retries; a command of a session that is not open expires (the correct behaviour). */
    EXPIRE,
    /** Deduplicate, but apply a command of an unknown session as new: {@code --unsafe-session-evict-reapply}. */
    REAPPLY_EVICTED,
    /** No deduplication at all: {@code --unsafe-no-dedup}. */
    OFF;

    /** The policy that the node's unsafe modes ask for. */
    public static Sessions of(Set<UnsafeMode> unsafe) {
      if (unsafe.contains(UnsafeMode.NO_DEDUP)) {
        return OFF;
      }
      return unsafe.contains(UnsafeMode.SESSION_EVICT_REAPPLY) ? REAPPLY_EVICTED : EXPIRE;
    }
  }

  /** How many applied commands' digests are kept. */
  static final int DIGEST_RING = 4096;

  private static final long NULL_HASH = 0x6A09E667F3BCC908L;
  private static final long LIST_SEED = 0xBB67AE8584CAA73BL;

  private record Session(long seq, Object result) {}

  private final Sessions policy;
  private final Map<String, Object> data = new HashMap<>();
  private final LinkedHashMap<Long, Session> sessions = new LinkedHashMap<>();

  /** The hash of each key's value, so that a write or an append updates {@link #stateHash} in constant time. */
  private final Map<String, Long> valueHashes = new HashMap<>();

  private final DigestRing digests = new DigestRing(DIGEST_RING);
  private long chain;
  private long stateHash;
  private long lastCommandIndex;

  /** @param policy what to do with client sessions ({@link Sessions#EXPIRE} but for the unsafe modes) */
  public KvStateMachine(Sessions policy) {
    this.policy = policy;
    digests.reset(new AppliedDigest(0, 0, 0));
  }

  @Override
  public Object apply(long index, byte[] command) {
    Object result = applyCommand(command);
    chain = mix(chain ^ mix(index) ^ hashBytes(command));
    lastCommandIndex = index;
    digests.add(new AppliedDigest(index, chain, stateHash));
    return result;
  }

  private Object applyCommand(byte[] command) {
    KvCommand c = KvCommand.decode(command);
    if (c.op() == KvCommand.Op.READ) {
      return copyOut(data.get(c.key()));
    }
    if (c.op() == KvCommand.Op.OPEN) {
      if (c.clientId() != 0 && !sessions.containsKey(c.clientId())) {
        remember(c.clientId(), new Session(0, null));
      }
      return null;
    }
    if (policy != Sessions.OFF && c.clientId() != 0) {
      Session s = sessions.get(c.clientId());
      if (s == null && policy == Sessions.EXPIRE) {
        return SESSION_EXPIRED;
      }
      if (s != null && c.seq() == s.seq) {
        return s.result;
      }
      if (s != null && c.seq() < s.seq) {
        return STALE;
      }
    }
    Object result = execute(c, true);
    if (c.clientId() != 0) {
      remember(c.clientId(), new Session(c.seq(), result));
    }
    return result;
  }

  /**
   * Records the session as the most recently used, evicting the least recently used beyond the limit, and keeps
   * the state hash up to date with both.
   */
  private void remember(long clientId, Session s) {
    Session old = sessions.remove(clientId);
    if (old != null) {
      stateHash -= sessionHash(clientId, old.seq);
    }
    sessions.put(clientId, s);
    stateHash += sessionHash(clientId, s.seq);
    if (sessions.size() > MAX_SESSIONS) {
      Map.Entry<Long, Session> eldest = sessions.entrySet().iterator().next();
      stateHash -= sessionHash(eldest.getKey(), eldest.getValue().seq);
      sessions.remove(eldest.getKey());
    }
  }

  @Override
  public Object preview(byte[] command) {
    return execute(KvCommand.decode(command), false);
  }

  @Override
  public Object query(byte[] query) {
    return copyOut(data.get(KvCommand.decode(query).key()));
  }

  private Object execute(KvCommand c, boolean mutate) {
    Object current = c.key() == null ? null : data.get(c.key());
    switch (c.op()) {
      case READ:
        return copyOut(current);
      case WRITE:
        if (mutate) {
          put(c.key(), c.arg1(), valueHash(c.arg1()));
        }
        return null;
      case CAS:
        boolean match =
            current instanceof String s ? s.equals(c.arg1()) : current == null && c.arg1() == null;
        if (match && mutate) {
          put(c.key(), c.arg2(), valueHash(c.arg2()));
        }
        return match;
      case APPEND:
        if (mutate) {
          append(c.key(), current, c.arg1());
        }
        return null;
      case OPEN:
        return null;
      default:
        throw new IllegalArgumentException("unknown op " + c.op());
    }
  }

  /** Appends in place (lists are private to the state machine; readers get copies). */
  @SuppressWarnings("unchecked")
  private void append(String key, Object current, String v) {
    if (current instanceof ArrayList<?> l) {
      ((ArrayList<String>) l).add(v);
      put(key, l, listStep(valueHashes.get(key), v));
      return;
    }
    ArrayList<String> list = new ArrayList<>();
    if (current != null) {
      list.add((String) current);
    }
    list.add(v);
    put(key, list, valueHash(list));
  }

  /** Sets a key's value and moves the state hash from its old value's hash to {@code hash}. */
  private void put(String key, Object value, long hash) {
    Long old = valueHashes.put(key, hash);
    if (old != null) {
      stateHash -= entryHash(key, old);
    }
    stateHash += entryHash(key, hash);
    data.put(key, value);
  }

  /** Lists are copied on the way out, so no caller ever sees the state machine's own list change. */
  private static Object copyOut(Object v) {
    return v instanceof List<?> l ? List.copyOf(l) : v;
  }

  @Override
  public byte[] takeSnapshot() {
    int size = 8 + 16;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      size += Wire.size(e.getKey()) + Wire.valueSize(e.getValue());
    }
    for (Session s : sessions.values()) {
      size += 16 + Wire.valueSize(s.result == STALE ? null : s.result);
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(data.size());
    for (Map.Entry<String, Object> e : data.entrySet()) {
      Wire.putString(b, e.getKey());
      Wire.putValue(b, e.getValue());
    }
    b.putInt(sessions.size());
    for (Map.Entry<Long, Session> e : sessions.entrySet()) {
      b.putLong(e.getKey()).putLong(e.getValue().seq);
      Wire.putValue(b, e.getValue().result == STALE ? null : e.getValue().result);
    }
    b.putLong(lastCommandIndex).putLong(chain);
    return b.array();
  }

  @Override
  public void restoreSnapshot(byte[] snapshot) {
    data.clear();
    sessions.clear();
    ByteBuffer b = ByteBuffer.wrap(snapshot);
    int n = b.getInt();
    for (int i = 0; i < n; i++) {
      String key = Wire.getString(b);
      Object v = Wire.getValue(b);
      data.put(key, v instanceof List<?> l ? new ArrayList<>(l) : v);
    }
    int s = b.getInt();
    for (int i = 0; i < s; i++) {
      long id = b.getLong();
      sessions.put(id, new Session(b.getLong(), Wire.getValue(b)));
    }
    // Snapshots written before digests existed end here: their chain starts over at the snapshot.
    lastCommandIndex = b.remaining() >= 16 ? b.getLong() : 0;
    chain = b.remaining() >= 8 ? b.getLong() : 0;
    valueHashes.clear();
    stateHash = 0;
    for (Map.Entry<String, Object> e : data.entrySet()) {
      long h = valueHash(e.getValue());
      valueHashes.put(e.getKey(), h);
      stateHash += entryHash(e.getKey(), h);
    }
    for (Map.Entry<Long, Session> e : sessions.entrySet()) {
      stateHash += sessionHash(e.getKey(), e.getValue().seq);
    }
    digests.reset(new AppliedDigest(lastCommandIndex, chain, stateHash));
  }

  /** The digest that holds at {@code index}, which the member must have applied; empty if older than the ring. */
  public Optional<AppliedDigest> digestAt(long index) {
    return digests.at(index);
  }

  /** The digest after the last command applied. */
  public AppliedDigest latestDigest() {
    return digests.latest();
  }

  /** The index of the oldest digest still held. */
  public long oldestDigestIndex() {
    return digests.oldestIndex();
  }

  // ---- hashing: 64-bit FNV-1a folded through SplitMix64's finaliser; deterministic across members
  // and JVMs

  private static long valueHash(Object v) {
    if (v == null) {
      return NULL_HASH;
    }
    if (v instanceof List<?> l) {
      long h = LIST_SEED;
      for (Object e : l) {
        h = listStep(h, (String) e);
      }
      return h;
    }
    return hashString((String) v);
  }

  /** The hash of a list after appending {@code v}; {@code h} is the list's hash before, null for no list yet. */
  private static long listStep(Long h, String v) {
    return mix((h == null ? LIST_SEED : h) * 31 + hashString(v));
  }

  private static long entryHash(String key, long valueHash) {
    return mix(hashString(key) ^ mix(valueHash));
  }

  private static long sessionHash(long clientId, long seq) {
    return mix(mix(clientId) + seq);
  }

  private static long hashString(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  private static long hashBytes(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte x : bytes) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Test view of one key. */
  public Object get(String key) {
    return copyOut(data.get(key));
  }
}
