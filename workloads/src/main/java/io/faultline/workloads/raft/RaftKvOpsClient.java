package io.faultline.workloads.raft;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.db.LogPositions;
import io.faultline.raft.client.LogPosition;
import io.faultline.raft.client.RaftKvClient;
import io.faultline.raft.client.RaftKvException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client of the key-value workloads for the Raft store: {@code [k v]} ops become the store's read, write, cas and
 * append (a set's {@code add} is an append) on key {@code k}, with values as decimal strings. Reads return what the workload compares: a number or nil for
 * a register ({@link #registers}), a list of numbers for a list ({@link #lists}), an absent key being the empty list. A cas whose expected value does not match is a definite {@code fail}; the
 * store's definite failures are {@code fail} and its indeterminate ones {@code info}, each with the store's message.
 */
public final class RaftKvOpsClient implements Client {
  private final RaftDb db;
  private final Duration timeout;
  private final RaftKvClient kv;
  private final boolean listReads;

  /**
   * The template. Each worker's client is bound to its node, as Jepsen's clients are: every operation starts there,
   * and redirects go straight to the leader, since the client knows every node by id. So a node that answers reads
   * from its own stale state is caught, and once a new leader is elected the writes of every client whose node knows
   * it reach it at once, instead of waiting out their deadlines at the old leader, where they went last: what a read
   * from an old leader's lease is stale against.
   */
  public static RaftKvOpsClient registers(RaftDb db, Duration timeout) {
    return new RaftKvOpsClient(db, timeout, null, false);
  }

  /** The template of a client whose keys hold lists: reads return the whole list. */
  public static RaftKvOpsClient lists(RaftDb db, Duration timeout) {
    return new RaftKvOpsClient(db, timeout, null, true);
  }

  private RaftKvOpsClient(RaftDb db, Duration timeout, RaftKvClient kv, boolean listReads) {
    this.db = db;
    this.timeout = timeout;
    this.kv = kv;
    this.listReads = listReads;
  }

  @Override
  public Client open(String node) {
    Map<String, InetSocketAddress> byId = new LinkedHashMap<>();
    List<String> nodes = db.nodes();
    int first = Math.max(0, nodes.indexOf(node));
    for (int i = 0; i < nodes.size(); i++) {
      String n = nodes.get((first + i) % nodes.size());
      byId.put(n, db.clientAddress(n));
    }
    return new RaftKvOpsClient(db, timeout, RaftKvClient.connect(byId, timeout), listReads);
  }

  @Override
  public Op invoke(Op op) {
    List<?> kvPair = (List<?>) op.value();
    String key = (String) kvPair.get(0);
    Object arg = kvPair.get(1);
    kv.startAtFirstNode();
    try {
      return switch (op.f()) {
        case "read" -> {
          Object stored = kv.read(key);
          yield complete(
              op, Op.Type.OK, Arrays.asList(key, listReads ? list(stored) : number(stored)), null);
        }
        case "write" -> {
          kv.write(key, arg.toString());
          recordAck(op);
          yield complete(op, Op.Type.OK, op.value(), null);
        }
        case "cas" -> {
          List<?> fromTo = (List<?>) arg;
          boolean swapped = kv.cas(key, fromTo.get(0).toString(), fromTo.get(1).toString());
          recordAck(op);
          yield complete(
              op,
              swapped ? Op.Type.OK : Op.Type.FAIL,
              op.value(),
              swapped ? null : "compare-failed");
        }
        case "append", "add" -> {
          kv.append(key, arg.toString());
          recordAck(op);
          yield complete(op, Op.Type.OK, op.value(), null);
        }
        default ->
            throw new IllegalArgumentException("the key-value client has no function " + op.f());
      };
    } catch (RaftKvException e) {
      return complete(op, e.definite() ? Op.Type.FAIL : Op.Type.INFO, op.value(), e.getMessage());
    }
  }

  /**
   * Tells the cluster where the store put the write it just acknowledged (a cas that did not match is acknowledged
   * too: its entry was committed and applied), for the durable acknowledgement check.
   */
  private void recordAck(Op op) {
    LogPosition p = kv.lastWrite();
    if (p != null) {
      db.acknowledged(
          new LogPositions.Ack(
              p.index(), p.term(), op.f() + " " + op.value() + " by process " + op.process()));
    }
  }

  private static Op complete(Op invocation, Op.Type type, Object value, String error) {
    return new Op(
        -1, -1, type, invocation.process(), invocation.f(), value, error, invocation.node());
  }

  /** A register's value as the checker compares it: a long, or nil. */
  private static Object number(Object stored) {
    if (stored == null) {
      return null;
    }
    try {
      return Long.parseLong(stored.toString());
    } catch (NumberFormatException e) {
      return stored.toString();
    }
  }

  /** A list's value as the checker compares it: its elements as numbers; an absent key is the empty list. */
  private static List<Object> list(Object stored) {
    if (stored == null) {
      return List.of();
    }
    if (stored instanceof List<?> elements) {
      List<Object> out = new ArrayList<>(elements.size());
      for (Object e : elements) {
        out.add(number(e));
      }
      return out;
    }
    return List.of(number(stored));
  }

  @Override
  public void close() {
    if (kv != null) {
      kv.close();
    }
  }
}
