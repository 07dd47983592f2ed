package io.faultline.harness.checker.model;

import io.faultline.harness.history.Keyword;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Small, total helpers over history values, shared by the models. */
public final class Values {
  private Values() {}

  /** Prints a value the way Jepsen users read it: {@code nil}, {@code 3}, {@code [1 2]}, {@code {:x 0}}. */
  public static String show(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof String || v instanceof Text) {
      return '"' + v.toString() + '"';
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(show(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ", ")
            .append(show(e.getKey()))
            .append(' ')
            .append(show(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  /** The element {@code i} of a list value, or {@code null} when the value is not a list that long. */
  public static Object nth(Object v, int i) {
    return v instanceof List<?> l && l.size() > i ? l.get(i) : null;
  }

  /** True when the value is a list of exactly {@code n} elements. */
  public static boolean isTuple(Object v, int n) {
    return v instanceof List<?> l && l.size() == n;
  }

  /** The name of a keyword or string, e.g. {@code read} for {@code :read}; {@code null} for anything else. */
  public static String name(Object v) {
    if (v instanceof Keyword k) {
      return k.name();
    }
    return v instanceof String s ? s : null;
  }

  /**
   * Equality of history values that treats a keyword and a string of the same name as equal, so a key written as
   * {@code :x} in EDN matches {@code "x"} from JSON, and a {@link Text} equal to the string it reads as.
   */
  public static boolean same(Object a, Object b) {
    if (a instanceof Keyword k) {
      a = k.name();
    }
    if (b instanceof Keyword k) {
      b = k.name();
    }
    if (a instanceof Text t) {
      return sameText(t, b);
    }
    if (b instanceof Text t) {
      return sameText(t, a);
    }
    return Objects.equals(a, b);
  }

  private static boolean sameText(Text t, Object other) {
    if (other instanceof String s) {
      return t.contentEquals(s);
    }
    return t.equals(other);
  }

  /** A map key: keywords by name, everything else as it is. */
  public static Object key(Object k) {
    return k instanceof Keyword kw ? kw.name() : k;
  }
}
