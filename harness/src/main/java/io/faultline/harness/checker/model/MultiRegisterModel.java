package io.faultline.harness.checker.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several registers read and written together in transactions, as Knossos' {@code multi-register}: {@code f} is
 * {@code txn} and the value a list of micro-operations {@code [:read k v]} and {@code [:write k v]}, applied in order.
 * A micro-read of {@code nil} is always legal. The state maps keys (keywords by name) to values; a key never written
 * holds {@code nil}.
 */
public final class MultiRegisterModel implements Model<Map<Object, Object>> {
  private final Map<Object, Object> init;

  /** @param init the initial registers, e.g. {@code {:x 0 :y 0}}; {@code null} for none */
  public MultiRegisterModel(Object init) {
    if (init != null && !(init instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "multi-register: initial state must be a map such as {:x 0 :y 0}, not "
              + Values.show(init));
    }
    Map<Object, Object> m = new HashMap<>();
    if (init instanceof Map<?, ?> given) {
      given.forEach((k, v) -> m.put(Values.key(k), v));
    }
    this.init = Collections.unmodifiableMap(m);
  }

  @Override
  public String name() {
    return "multi-register";
  }

  @Override
  public Map<Object, Object> init() {
    return init;
  }

  @Override
  public long stateBytes(Map<Object, Object> state) {
    return 48 + 64L * state.size();
  }

  @Override
  public Map<Object, Object> step(Map<Object, Object> state, Operation op) {
    if (!op.f().equals("txn") || !(op.value() instanceof List<?> micros)) {
      throw new UnknownFunctionException(name(), op, "txn [[:read k v] [:write k v] ...]");
    }
    Map<Object, Object> next = null;
    for (Object micro : micros) {
      String f = Values.name(Values.nth(micro, 0));
      Object k = Values.key(Values.nth(micro, 1));
      Object v = Values.nth(micro, 2);
      if (!Values.isTuple(micro, 3) || f == null) {
        throw new UnknownFunctionException(name(), op, "micro-operations [f k v]");
      }
      Map<Object, Object> current = next != null ? next : state;
      switch (f) {
        case "read" -> {
          if (v != null && !Values.same(v, current.get(k))) {
            return null;
          }
        }
        case "write" -> {
          if (next == null) {
            next = new HashMap<>(state);
          }
          next.put(k, v);
        }
        default -> throw new UnknownFunctionException(name(), op, "micro-operations read or write");
      }
    }
    return next == null ? state : Collections.unmodifiableMap(next);
  }
}
