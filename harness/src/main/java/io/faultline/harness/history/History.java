package io.faultline.harness.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered, immutable sequence of ops, in the order in which they happened. Order in the history is the real-time
 * order that checkers rely on; {@link Op#time()} is informative only (Knossos' own corpus has times out of order).
 *
 * <p>Every op's {@link Op#index()} equals its position: indices are assigned on construction when the ops carry none,
 * and kept when they do.
 */
public final class History {
  private static final History EMPTY = new History(List.of());

  private final List<Op> ops;
  private volatile int[] pairs;

  private History(List<Op> ops) {
    this.ops = ops;
  }

  /** The empty history. */
  public static History empty() {
    return EMPTY;
  }

  /** A history of these ops in this order; each op's index is set to its position. */
  public static History of(List<Op> ops) {
    List<Op> indexed = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      indexed.add(op.index() == i ? op : op.withIndex(i));
    }
    return new History(Collections.unmodifiableList(indexed));
  }

  /** A history of these ops in this order. */
  public static History of(Op... ops) {
    return of(Arrays.asList(ops));
  }

  /** The ops, in order. The list is unmodifiable. */
  public List<Op> ops() {
    return ops;
  }

  public int size() {
    return ops.size();
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public Op get(int index) {
    return ops.get(index);
  }

  /** A history of only the ops of client processes, in order, re-indexed. */
  public History clientOps() {
    List<Op> out = new ArrayList<>(ops.size());
    for (Op op : ops) {
      if (!op.isNemesis()) {
        out.add(op);
      }
    }
    return of(out);
  }

  /**
   * For each op, the index of its partner: an invocation's completion, or a completion's invocation; {@code -1} when
   * there is none (an invocation that never completed, a nemesis op).
   *
   * @throws MalformedHistoryException when a client process invokes while its previous operation is still open, or
   *     completes an operation it never invoked
   */
  public int[] pairs() {
    int[] p = pairs;
    if (p == null) {
      p = computePairs();
      pairs = p;
    }
    return p;
  }

  /** The completion of the invocation at {@code index}, or {@code null} if it never completed. */
  public Op completionOf(int index) {
    int j = pairs()[index];
    return j < 0 || j < index ? null : ops.get(j);
  }

  /** The invocation of the completion at {@code index}, or {@code null}. */
  public Op invocationOf(int index) {
    int j = pairs()[index];
    return j < 0 || j > index ? null : ops.get(j);
  }

  private int[] computePairs() {
    int[] p = new int[ops.size()];
    Arrays.fill(p, -1);
    Map<Integer, Integer> open = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == Op.Type.INVOKE) {
        Integer prev = open.put(op.process(), i);
        if (prev != null) {
          throw new MalformedHistoryException(
              null,
              0,
              "op "
                  + i
                  + ": process "
                  + op.process()
                  + " invoked "
                  + op.f()
                  + " while its "
                  + ops.get(prev).f()
                  + " at op "
                  + prev
                  + " was still open (a process runs one operation at a time)");
        }
      } else {
        Integer inv = open.remove(op.process());
        if (inv == null) {
          throw new MalformedHistoryException(
              null,
              0,
              "op "
                  + i
                  + ": process "
                  + op.process()
                  + " completed "
                  + op.f()
                  + " with "
                  + op.type().jepsenName()
                  + " but had no open invocation");
        }
        p[inv] = i;
        p[i] = inv;
      }
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && h.ops.equals(ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return "History" + ops;
  }
}
