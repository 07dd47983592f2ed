package io.faultline.harness.history.codec;

import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the fields of an op, as a JSON or EDN reader gave them, into an {@link Op}, with one-line problems that name
 * the field. Shared by the codecs so that they agree on what an op is.
 */
final class OpDecoder {
  private OpDecoder() {}

  /** A problem with one op; the codec adds the file and line. */
  static final class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FieldException(String problem) {
      super(problem, null, false, false);
    }
  }

  /** How a format spells things in messages. */
  enum Dialect {
    JSON(OpJson::toJsonString, "\"nemesis\"", "a string"),
    EDN(Edn::write, ":nemesis", "a keyword or a string");

    final Function<Object, String> render;
    final String nemesis;
    final String fKind;

    Dialect(Function<Object, String> render, String nemesis, String fKind) {
      this.render = render;
      this.nemesis = nemesis;
      this.fKind = fKind;
    }

    String got(Object v) {
      String s;
      try {
        s = render.apply(v);
      } catch (RuntimeException e) {
        s = String.valueOf(v);
      }
      s = s.replace('\n', ' ').replace('\r', ' ');
      return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
  }

  static FieldException missing(String field) {
    return new FieldException("missing field '" + field + "'");
  }

  static Op.Type type(Object v, boolean present, Dialect d) {
    if (!present) {
      throw missing("type");
    }
    String name = v instanceof Keyword k ? k.name() : v instanceof String s ? s : null;
    Op.Type t = name == null ? null : Op.Type.parse(name);
    if (t == null) {
      throw new FieldException("field 'type': expected invoke, ok, fail or info, got " + d.got(v));
    }
    return t;
  }

  static int process(Object v, boolean present, Dialect d) {
    if (!present) {
      throw missing("process");
    }
    if (v instanceof Long l) {
      if (l >= 0 && l <= Integer.MAX_VALUE) {
        return (int) l.longValue();
      }
    } else if (v instanceof Keyword k) {
      if (d == Dialect.EDN && k.name().equals("nemesis")) {
        return Op.NEMESIS;
      }
    } else if (v instanceof String s) {
      if (d == Dialect.JSON && s.equals("nemesis")) {
        return Op.NEMESIS;
      }
    }
    throw new FieldException(
        "field 'process': expected a non-negative integer or " + d.nemesis + ", got " + d.got(v));
  }

  static String f(Object v, boolean present, Dialect d) {
    if (!present) {
      throw missing("f");
    }
    if (v instanceof Keyword k) {
      return k.name();
    }
    if (v instanceof String s) {
      return s;
    }
    throw new FieldException("field 'f': expected " + d.fKind + ", got " + d.got(v));
  }

  static long time(Object v, Dialect d) {
    if (v == null) {
      return -1;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new FieldException("field 'time': expected an integer (nanoseconds), got " + d.got(v));
  }

  static String node(Object v, Dialect d) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Keyword k) {
      return k.name();
    }
    throw new FieldException("field 'node': expected a string, got " + d.got(v));
  }

  /** Jepsen's "independent" tuple {@code [key value]}. */
  static List<Object> keyed(Object key, Object value) {
    List<Object> kv = new ArrayList<>(2);
    kv.add(key);
    kv.add(value);
    return kv;
  }
}
