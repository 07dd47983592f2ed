package io.faultline.harness.checker.model;

import java.util.Map;
import java.util.Optional;

/**
 * A key-value store whose operations carry {@code [key value]} tuples (Jepsen's "independent" ops, or the 6.824
 * lab's {@code :key} field). Each key is a {@link KeyModel}: {@code read}/{@code write}/{@code cas} as a cas-register,
 * and {@code get}/{@code put}/{@code append} over strings, where a missing key reads as the empty string. A value
 * that appends grew is a {@link Text}, which shares the value it grew from, so a step costs what it appends.
 *
 * <p>Keys are independent, so the model partitions histories per key (P-compositionality) and the checker runs the
 * parts in parallel. Checked whole, its state maps keys to values.
 */
public final class KvModel implements Model<KeyValues> {
  private final Object init;
  private final KeyValues initState;

  /**
   * @param init the value every key starts with ({@code nil} for none), or a map from keys to their initial values
   */
  public KvModel(Object init) {
    this.init = init;
    KeyValues kv = KeyValues.empty();
    if (init instanceof Map<?, ?> given) {
      for (Map.Entry<?, ?> e : given.entrySet()) {
        kv = kv.with(Values.key(e.getKey()), Nil.wrap(e.getValue()));
      }
    }
    this.initState = kv;
  }

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public KeyValues init() {
    return initState;
  }

  @Override
  public boolean isReadOnly(String f) {
    return KeyModel.readOnly(f);
  }

  @Override
  public long stateBytes(KeyValues state) {
    return 48 + 64L * state.size();
  }

  @Override
  public KeyValues step(KeyValues state, Operation op) {
    Object k = keyOf(op);
    Object current = state.get(k, null);
    if (current == null) {
      current = initialFor(k);
    }
    Object next = KeyModel.apply(name(), current, op, Values.nth(op.value(), 1));
    return next == null ? null : state.with(k, next);
  }

  @Override
  public Optional<Partitioning<?>> partitioning() {
    return Optional.of(
        Partitioning.<Object>byKeyTuple(this::keyOf, key -> new KeyModel(initialFor(key))));
  }

  private Object keyOf(Operation op) {
    if (!Values.isTuple(op.value(), 2)) {
      throw new UnknownFunctionException(name(), op, "a [key value] tuple");
    }
    return Values.key(Values.nth(op.value(), 0));
  }

  private Object initialFor(Object key) {
    if (init instanceof Map<?, ?>) {
      return initState.get(key, Nil.NIL);
    }
    return Nil.wrap(init);
  }

  /** One key of the store. States are the value or {@link Nil#NIL}. */
  public static final class KeyModel implements Model<Object> {
    private final Object init;

    /** @param init the key's initial state (a value or {@link Nil#NIL}) */
    public KeyModel(Object init) {
      this.init = init;
    }

    static boolean readOnly(String f) {
      return f.equals("read") || f.equals("get");
    }

    @Override
    public String name() {
      return "kv";
    }

    @Override
    public Object init() {
      return init;
    }

    @Override
    public boolean isReadOnly(String f) {
      return readOnly(f);
    }

    @Override
    public Object step(Object state, Operation op) {
      return apply(name(), state, op, op.value());
    }

    /** A {@link Text} holds one node beyond the text it grew from; a string holds all of its characters. */
    @Override
    public long stateBytes(Object state) {
      return state instanceof String s ? 40 + s.length() : 32;
    }

    /** Applies {@code op}, whose value within the key is {@code v}, to a key in {@code state}; null when illegal. */
    static Object apply(String model, Object state, Operation op, Object v) {
      Object current = Nil.unwrap(state);
      switch (op.f()) {
        case "read":
          return v == null || Values.same(v, current) ? state : null;
        case "get":
          return v == null || Values.same(v, current == null ? "" : current) ? state : null;
        case "write":
        case "put":
          return Nil.wrap(v);
        case "append":
          return Text.of(current).append(v == null ? "" : String.valueOf(v));
        case "cas":
          if (Values.isTuple(v, 2)) {
            boolean matches = Values.same(Values.nth(v, 0), current);
            if (op.outcome() == Operation.Outcome.FAILED) {
              return matches ? null : state;
            }
            return matches ? Nil.wrap(Values.nth(v, 1)) : null;
          }
          break;
        default:
          break;
      }
      throw new UnknownFunctionException(
          model, op, "read, write, cas [from to], get, put or append");
    }
  }
}
