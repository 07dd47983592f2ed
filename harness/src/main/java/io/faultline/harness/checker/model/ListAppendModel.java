package io.faultline.harness.checker.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-key append-only lists, as in Jepsen's list-append workload without transactions. Ops carry {@code [key value]}
 * tuples: {@code append [k e]} adds {@code e} at the end of {@code k}'s list, and {@code read [k list]} observed the
 * whole list, which must equal the model's. A key starts as the empty list. A read whose value is {@code nil} observed
 * nothing (Knossos' convention for an unknown read) and is always legal.
 *
 * <p>Keys are independent, so the model partitions histories per key and the checker runs the parts in parallel.
 * Checked whole, its state maps keys to lists.
 */
public final class ListAppendModel implements Model<KeyValues> {

  @Override
  public String name() {
    return "list-append";
  }

  @Override
  public KeyValues init() {
    return KeyValues.empty();
  }

  @Override
  public boolean isReadOnly(String f) {
    return f.equals("read");
  }

  @Override
  public long stateBytes(KeyValues state) {
    return 48 + 64L * state.size();
  }

  @Override
  public KeyValues step(KeyValues state, Operation op) {
    Object k = keyOf(op);
    @SuppressWarnings("unchecked")
    List<Object> current = (List<Object>) state.get(k, List.of());
    List<Object> next = KeyList.apply(current, op, Values.nth(op.value(), 1));
    return next == null ? null : state.with(k, next);
  }

  @Override
  public Optional<Partitioning<?>> partitioning() {
    return Optional.of(Partitioning.<List<Object>>byKeyTuple(this::keyOf, key -> new KeyList()));
  }

  private Object keyOf(Operation op) {
    if (!Values.isTuple(op.value(), 2)) {
      throw new UnknownFunctionException(name(), op, "a [key value] tuple");
    }
    return Values.key(Values.nth(op.value(), 0));
  }

  /** One key's list. States are immutable lists. */
  public static final class KeyList implements Model<List<Object>> {

    @Override
    public String name() {
      return "list-append";
    }

    @Override
    public List<Object> init() {
      return List.of();
    }

    @Override
    public boolean isReadOnly(String f) {
      return f.equals("read");
    }

    @Override
    public List<Object> step(List<Object> state, Operation op) {
      return apply(state, op, op.value());
    }

    /** Each state is a copy of the list: an array slot per element plus the element, assumed small. */
    @Override
    public long stateBytes(List<Object> state) {
      return 32 + 24L * state.size();
    }

    /** Applies {@code op}, whose value within the key is {@code v}, to the list {@code state}; null when illegal. */
    static List<Object> apply(List<Object> state, Operation op, Object v) {
      switch (op.f()) {
        case "append":
          {
            List<Object> next = new ArrayList<>(state.size() + 1);
            next.addAll(state);
            next.add(v);
            return List.copyOf(next);
          }
        case "read":
          return v == null || sameList(v, state) ? state : null;
        default:
          throw new UnknownFunctionException("list-append", op, "append [k e] or read [k list]");
      }
    }

    private static boolean sameList(Object read, List<Object> state) {
      if (!(read instanceof List<?> l) || l.size() != state.size()) {
        return false;
      }
      for (int i = 0; i < l.size(); i++) {
        if (!Values.same(l.get(i), state.get(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
