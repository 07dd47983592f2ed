package io.faultline.workloads.queue;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import java.util.Arrays;
import java.util.List;

/**
 * The queue workload on a store that keeps lists (the append and set workloads' client): the stream is the list at
 * key {@value #KEY}, {@code publish v} is {@code append [queue v]}, and {@code read [node nil]} is a read of the list
 * by a client bound to {@code node}. Outcomes are the list client's. How far a read reflects {@code node}'s own
 * replica is the store's read path: Faultline's store and etcd serve it linearizably (through the leader), so the
 * replicas' agreement is judged there by the replica checks, not by these reads.
 */
public final class QueueOnLists implements Client {
  /** The key that holds the stream. */
  public static final String KEY = "queue";

  private final Client lists;
  private final Client opened;

  /** @param lists the template of the store's list client */
  public QueueOnLists(Client lists) {
    this(lists, null);
  }

  private QueueOnLists(Client lists, Client opened) {
    this.lists = lists;
    this.opened = opened;
  }

  @Override
  public Client open(String node) throws Exception {
    return new QueueOnLists(lists, lists.open(node));
  }

  @Override
  public Op invoke(Op op) throws Exception {
    return switch (op.f()) {
      case "publish" -> {
        Op done = opened.invoke(as(op, "append", Arrays.asList(KEY, op.value())));
        yield as(done, "publish", op.value());
      }
      case "read" -> {
        Object node = ((List<?>) op.value()).get(0);
        try (Client reader = lists.open(String.valueOf(node))) {
          Op done = reader.invoke(as(op, "read", Arrays.asList(KEY, null)));
          Object seen = done.type() == Op.Type.OK ? ((List<?>) done.value()).get(1) : null;
          yield as(done, "read", Arrays.asList(node, seen));
        }
      }
      default -> throw new IllegalArgumentException("the queue client has no op '" + op.f() + "'");
    };
  }

  private static Op as(Op op, String f, Object value) {
    return new Op(op.index(), op.time(), op.type(), op.process(), f, value, op.error(), op.node());
  }

  @Override
  public void close() throws Exception {
    if (opened != null) {
      opened.close();
    }
  }
}
