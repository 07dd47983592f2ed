package io.faultline.harness.history.codec;

import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and prints single EDN values. See {@link EdnReader} for how EDN maps to Java and for reading a stream of forms.
 */
public final class Edn {
  private Edn() {}

  /**
   * Parses exactly one EDN value, e.g. {@code 0}, {@code nil}, {@code {:x 0 :y 0}}, or {@code free} (a symbol, read as
   * the string {@code "free"}).
   *
   * @throws EdnException if the text holds no value, more than one, or is not EDN
   */
  public static Object parse(String text) {
    try (EdnReader r = EdnReader.of(text)) {
      if (!r.hasNext()) {
        throw new EdnException(r.currentLine(), "no EDN value");
      }
      Object v = r.next();
      if (r.hasNext()) {
        long line = r.currentLine();
        r.next(); // a syntax error there (e.g. a stray ']') is the better message
        throw new EdnException(
            line, "expected one EDN value, found more: " + abbreviate(text.strip()));
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a StringReader
    }
  }

  /** Parses every top-level value of the text, in order. */
  public static List<Object> parseAll(String text) {
    List<Object> out = new ArrayList<>();
    try (EdnReader r = EdnReader.of(text)) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * Prints a value as EDN: {@code null} → {@code nil}, {@link Keyword} → {@code :x}, {@link String} → a quoted string,
   * {@link List} and arrays → {@code [..]}, {@link Set} → {@code #{..}}, {@link Map} → {@code {k v, k v}},
   * {@link BigInteger} → {@code 1N} when it does not fit a long, {@link BigDecimal} → {@code 1.5M}, {@link Character} →
   * {@code \c}, an {@link Op} → its op map. Anything else prints as the quoted string of its {@code toString()}.
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  /** Appends the EDN text of the value to {@code sb}. */
  public static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("nil");
    } else if (value instanceof Keyword k) {
      sb.append(':').append(k.name());
    } else if (value instanceof String s) {
      writeString(s, sb);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      sb.append(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (value instanceof Double || value instanceof Float) {
      writeDouble(((Number) value).doubleValue(), sb);
    } else if (value instanceof BigInteger b) {
      sb.append(b);
      if (b.bitLength() >= 64) {
        sb.append('N');
      }
    } else if (value instanceof BigDecimal d) {
      sb.append(d.toString()).append('M');
    } else if (value instanceof Character c) {
      writeChar(c, sb);
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        write(e.getKey(), sb);
        sb.append(' ');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof Set<?> s) {
      sb.append("#{");
      writeElements(s, sb);
      sb.append('}');
    } else if (value instanceof Collection<?> c) {
      sb.append('[');
      writeElements(c, sb);
      sb.append(']');
    } else if (value instanceof Object[] a) {
      sb.append('[');
      writeElements(java.util.Arrays.asList(a), sb);
      sb.append(']');
    } else if (value instanceof Op op) {
      EdnHistoryCodec.writeOp(op, op.index(), sb);
    } else if (value instanceof Enum<?> e) {
      sb.append(':').append(e.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      writeString(String.valueOf(value), sb);
    }
  }

  private static void writeElements(Collection<?> c, StringBuilder sb) {
    Iterator<?> it = c.iterator();
    while (it.hasNext()) {
      write(it.next(), sb);
      if (it.hasNext()) {
        sb.append(' ');
      }
    }
  }

  private static void writeDouble(double d, StringBuilder sb) {
    if (Double.isNaN(d)) {
      sb.append("##NaN");
    } else if (Double.isInfinite(d)) {
      sb.append(d > 0 ? "##Inf" : "##-Inf");
    } else {
      sb.append(d); // always has a '.' or an exponent, so it reads back as a double
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void writeChar(char c, StringBuilder sb) {
    switch (c) {
      case '\n' -> sb.append("\\newline");
      case ' ' -> sb.append("\\space");
      case '\t' -> sb.append("\\tab");
      case '\r' -> sb.append("\\return");
      case '\b' -> sb.append("\\backspace");
      case '\f' -> sb.append("\\formfeed");
      default -> {
        if (c < 0x20 || c > 0x7e) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append('\\').append(c);
        }
      }
    }
  }

  /** True if {@code :name} reads back as the keyword {@code name}. */
  static boolean isKeywordName(String name) {
    if (name.isEmpty() || name.charAt(0) == ':') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c)
          || c == ','
          || c == '"'
          || c == ';'
          || c == '('
          || c == ')'
          || c == '['
          || c == ']'
          || c == '{'
          || c == '}'
          || c == '\\'
          || c == '@'
          || c == '^'
          || c == '`'
          || c == '~') {
        return false;
      }
    }
    return true;
  }
}
