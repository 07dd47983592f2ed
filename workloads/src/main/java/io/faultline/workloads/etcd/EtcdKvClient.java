package io.faultline.workloads.etcd;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The key-value workloads' client for etcd, over {@link EtcdGateway}: {@code [k v]} ops on key {@code k}, values as
 * decimal strings.
 *
 * <ul>
 *   <li>register ({@link #registers}): {@code read} is a range, {@code write} a put, {@code cas} a txn comparing the
 *       value;
 *   <li>lists ({@link #lists}, the append and set workloads): a list is stored as its elements separated by spaces;
 *       {@code append} and {@code add} are a read-modify-write guarded by the key's mod revision (a txn that puts the
 *       longer list only if the key has not changed since it was read, and otherwise returns the key as it is now, to
 *       try again), and {@code read} returns the elements, an absent key being the empty list.
 * </ul>
 *
 * <p>Each worker's client is bound to its node: reads always go there (so a member answering a serializable read from
 * its own stale state is caught); writes start there too and move on to the next member after a failure, and the
 * worker's next clients (after an {@code info}) start their writes where the last one moved to. Reads are
 * linearizable unless {@code serializable}. Outcomes, as for Faultline's own store: a cas whose compare fails, any
 * failed read, and a failure the gateway calls definite ({@link EtcdException#definite()}) are {@code fail}; any other
 * failed write is {@code info}. An append whose guarded txns all lost to concurrent appends is a definite
 * {@code fail}: none of them took effect.
 */
public final class EtcdKvClient implements Client {
  /** Guarded txns one append tries before it gives up; each lost one means another append to the key succeeded. */
  static final int APPEND_ATTEMPTS = 8;

  private final EtcdDb db;
  private final Duration timeout;
  private final boolean serializable;
  private final boolean lists;
  private final EtcdGateway gateway;
  private final List<InetSocketAddress> members;

  /** Per worker node, where its writes start: shared by the clients opened from one template, so it survives reopens. */
  private final Map<String, AtomicInteger> writeStarts;

  private final AtomicInteger current;

  /**
   * The template of the register workload's client.
   *
   * @param opTimeout the test's op timeout; requests give up at three quarters of it, so the client classifies its own
   *     timeouts (and moves a worker's writes on) before the interpreter abandons the op
   */
  public static EtcdKvClient registers(EtcdDb db, Duration opTimeout, boolean serializable) {
    return new EtcdKvClient(
        db,
        opTimeout.multipliedBy(3).dividedBy(4),
        serializable,
        false,
        null,
        List.of(),
        new ConcurrentHashMap<>(),
        new AtomicInteger());
  }

  /** The template of the client of keys holding lists (the append and set workloads). */
  public static EtcdKvClient lists(EtcdDb db, Duration opTimeout, boolean serializable) {
    return new EtcdKvClient(
        db,
        opTimeout.multipliedBy(3).dividedBy(4),
        serializable,
        true,
        null,
        List.of(),
        new ConcurrentHashMap<>(),
        new AtomicInteger());
  }

  private EtcdKvClient(
      EtcdDb db,
      Duration timeout,
      boolean serializable,
      boolean lists,
      EtcdGateway gateway,
      List<InetSocketAddress> members,
      Map<String, AtomicInteger> writeStarts,
      AtomicInteger current) {
    this.db = db;
    this.timeout = timeout;
    this.serializable = serializable;
    this.lists = lists;
    this.gateway = gateway;
    this.members = members;
    this.writeStarts = writeStarts;
    this.current = current;
  }

  @Override
  public Client open(String node) {
    List<String> nodes = db.nodes();
    int first = Math.max(0, nodes.indexOf(node));
    List<InetSocketAddress> members = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      members.add(db.clientAddress(nodes.get((first + i) % nodes.size())));
    }
    AtomicInteger start =
        writeStarts.computeIfAbsent(String.valueOf(node), n -> new AtomicInteger());
    return new EtcdKvClient(
        db, timeout, serializable, lists, new EtcdGateway(timeout), members, writeStarts, start);
  }

  @Override
  public Op invoke(Op op) {
    List<?> kvPair = (List<?>) op.value();
    String key = String.valueOf(kvPair.get(0));
    Object arg = kvPair.get(1);
    boolean read = op.f().equals("read");
    int at = current.get();
    InetSocketAddress member = members.get(read ? 0 : Math.floorMod(at, members.size()));
    try {
      switch (op.f()) {
        case "read" -> {
          String stored = gateway.get(member, key, serializable).value();
          return complete(
              op,
              Op.Type.OK,
              Arrays.asList(kvPair.get(0), lists ? list(stored) : number(stored)),
              null);
        }
        case "write" -> {
          gateway.put(member, key, arg.toString());
          return complete(op, Op.Type.OK, op.value(), null);
        }
        case "cas" -> {
          List<?> fromTo = (List<?>) arg;
          boolean swapped =
              gateway.compareAndSet(
                  member, key, fromTo.get(0).toString(), fromTo.get(1).toString());
          return complete(
              op,
              swapped ? Op.Type.OK : Op.Type.FAIL,
              op.value(),
              swapped ? null : "compare-failed");
        }
        case "append", "add" -> {
          boolean appended = append(member, key, arg.toString());
          return complete(
              op, appended ? Op.Type.OK : Op.Type.FAIL, op.value(), appended ? null : "contended");
        }
        default -> throw new IllegalArgumentException("the etcd client has no function " + op.f());
      }
    } catch (EtcdException e) {
      moveOn(read, at);
      return complete(
          op, read || e.definite() ? Op.Type.FAIL : Op.Type.INFO, op.value(), e.getMessage());
    }
  }

  /**
   * Appends {@code element} to the list under {@code key}: reads the key from {@code member} (a serializable read is
   * enough, since the txn's guard rejects a stale one), then puts the longer list if the key's mod revision is still
   * the one read. A lost guard returns the key as it is now, and the append tries again on that.
   *
   * @return false when every attempt lost to a concurrent change (none took effect)
   * @throws EtcdException from the last request; only its outcome can be unknown, the earlier ones certainly failed
   */
  private boolean append(InetSocketAddress member, String key, String element)
      throws EtcdException {
    EtcdGateway.Kv seen;
    try {
      seen = gateway.get(member, key, true);
    } catch (EtcdException e) {
      throw new EtcdException(e.getMessage(), true); // nothing was written yet
    }
    for (int attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      String longer =
          seen.value() == null || seen.value().isEmpty() ? element : seen.value() + " " + element;
      EtcdGateway.Kv now = gateway.putIfUnchanged(member, key, seen.modRevision(), longer);
      if (now == null) {
        return true;
      }
      seen = now;
    }
    return false;
  }

  /** After a failed write, the worker's writes move on to the next member, once even if its clients failed together. */
  private void moveOn(boolean read, int at) {
    if (!read) {
      current.compareAndSet(at, at + 1);
    }
  }

  /** A register's value as the checker compares it: a long, the text if it is not a number, or nil. */
  private static Object number(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return Long.parseLong(stored);
    } catch (NumberFormatException e) {
      return stored;
    }
  }

  /** A list's value as the checker compares it: its elements as numbers; an absent key is the empty list. */
  private static List<Object> list(String stored) {
    List<Object> out = new ArrayList<>();
    if (stored != null) {
      for (String e : stored.split(" ")) {
        if (!e.isEmpty()) {
          out.add(number(e));
        }
      }
    }
    return out;
  }

  private static Op complete(Op invocation, Op.Type type, Object value, String error) {
    return new Op(
        -1, -1, type, invocation.process(), invocation.f(), value, error, invocation.node());
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
  }
}
