package io.faultline.harness.history.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of an {@link Op} and of op values, shared by the JSON Lines codec and by anything else that prints
 * ops as JSON (the checker's result).
 *
 * <p>An op is an object with {@code index}, {@code time}, {@code type} ({@code invoke|ok|fail|info}),
 * {@code process} (an integer, or {@code "nemesis"}), {@code f}, {@code value}, and {@code error} and {@code node} when
 * they are not null. Values: JSON null, numbers, strings, booleans, arrays and objects are read as {@code null},
 * {@link Long} (integers; {@link BigInteger} only beyond a long), {@link Double}, {@link String}, {@link Boolean},
 * {@link List} and {@link LinkedHashMap}. JSON has no keywords: a {@link Keyword} is written as its name, a set as an
 * array, a character as a string, and a map key as its name or EDN text.
 */
public final class OpJson {
  /** The factory of the codecs: no separator between root values, so the writer controls line ends. */
  static final JsonFactory FACTORY =
      new JsonFactoryBuilder().rootValueSeparator((SerializableString) null).build();

  private OpJson() {}

  /** The op as a JSON-ready map in the order of the JSON Lines format; {@code error} and {@code node} only if set. */
  public static Map<String, Object> toMap(Op op) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", op.index());
    m.put("time", op.time());
    m.put("type", op.type().jepsenName());
    m.put("process", op.isNemesis() ? "nemesis" : (Object) (long) op.process());
    m.put("f", op.f());
    m.put("value", toJson(op.value()));
    if (op.error() != null) {
      m.put("error", toJson(op.error()));
    }
    if (op.node() != null) {
      m.put("node", op.node());
    }
    return m;
  }

  /**
   * Reads an op from a map of the JSON shape (as {@link #toMap(Op)} gives, or as a JSON library parsed it). A
   * {@code key} entry makes the value the tuple {@code [key, value]}.
   *
   * @throws MalformedHistoryException naming the field if the map is not an op
   */
  public static Op fromMap(Map<String, ?> m) {
    try {
      Object value = m.get("value");
      if (m.containsKey("key")) {
        value = OpDecoder.keyed(m.get("key"), value);
      }
      Object index = m.get("index");
      return new Op(
          index instanceof Number n ? n.longValue() : -1,
          OpDecoder.time(m.get("time"), OpDecoder.Dialect.JSON),
          OpDecoder.type(m.get("type"), m.containsKey("type"), OpDecoder.Dialect.JSON),
          OpDecoder.process(m.get("process"), m.containsKey("process"), OpDecoder.Dialect.JSON),
          OpDecoder.f(m.get("f"), m.containsKey("f"), OpDecoder.Dialect.JSON),
          value,
          m.get("error"),
          OpDecoder.node(m.get("node"), OpDecoder.Dialect.JSON));
    } catch (OpDecoder.FieldException e) {
      throw new MalformedHistoryException(null, 0, e.getMessage());
    }
  }

  /**
   * A JSON-ready copy of a value: keywords become their names, sets and arrays become lists, map keys become strings,
   * smaller integers become {@link Long}; other scalars are kept.
   */
  public static Object toJson(Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Boolean
        || v instanceof Double) {
      return v;
    }
    if (v instanceof Keyword k) {
      return k.name();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(keyName(e.getKey()), toJson(e.getValue()));
      }
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(toJson(o));
      }
      return out;
    }
    if (v instanceof Object[] a) {
      List<Object> out = new ArrayList<>(a.length);
      for (Object o : a) {
        out.add(toJson(o));
      }
      return out;
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT);
    }
    return String.valueOf(v);
  }

  /** A map key as a JSON member name: a string as is, a keyword as its name, anything else as its EDN text. */
  public static String keyName(Object key) {
    if (key instanceof String s) {
      return s;
    }
    if (key instanceof Keyword k) {
      return k.name();
    }
    return Edn.write(key);
  }

  /** Writes the op as one JSON object (no line end), with {@code index} as given. */
  public static void writeOp(JsonGenerator g, Op op, long index) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", index);
    g.writeNumberField("time", op.time());
    g.writeStringField("type", op.type().jepsenName());
    if (op.isNemesis()) {
      g.writeStringField("process", "nemesis");
    } else {
      g.writeNumberField("process", op.process());
    }
    g.writeStringField("f", op.f());
    g.writeFieldName("value");
    writeValue(g, op.value());
    if (op.error() != null) {
      g.writeFieldName("error");
      writeValue(g, op.error());
    }
    if (op.node() != null) {
      g.writeStringField("node", op.node());
    }
    g.writeEndObject();
  }

  /** Writes a value with the conversions of {@link #toJson(Object)}, without building the converted copy. */
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Keyword k) {
      g.writeString(k.name());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      g.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof BigDecimal b) {
      g.writeNumber(b);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(keyName(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Object[] a) {
      g.writeStartArray();
      for (Object o : a) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      Object j = toJson(v);
      if (j instanceof String s) {
        g.writeString(s);
      } else {
        writeValue(g, j);
      }
    }
  }

  /**
   * Reads the value whose first token the parser is on, leaving the parser on its last token.
   *
   * @return null, Long (BigInteger beyond a long), Double, String, Boolean, List or LinkedHashMap
   */
  public static Object readValue(JsonParser p) throws IOException {
    if (p.currentToken() == null) {
      throw new IllegalStateException("the parser is not on a token");
    }
    return new JsonValueReader().read(p);
  }

  /** Parses one JSON value from text, e.g. {@code [1,"a",{"b":null}]}. */
  public static Object parseValue(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("no JSON value");
      }
      Object v = readValue(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("text after the JSON value");
      }
      return v;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: " + JsonlHistoryReader.oneLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compact JSON text of a value, e.g. {@code "done"} with its quotes. */
  public static String toJsonString(Object v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      writeValue(g, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
