package io.faultline.harness.history.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values like {@link OpJson#readValue(JsonParser)}, tuned for reading a million ops: lists get arrays of
 * their exact size, and short strings that repeat (function names, nodes, small values) share one instance. One per
 * read; not thread-safe.
 */
final class JsonValueReader {
  private static final int MAX_CACHED_LENGTH = 24;
  private static final int MAX_CACHE_SIZE = 8192;

  private Object[] stack = new Object[32];
  private int sp;
  private final Map<String, String> strings = new HashMap<>();

  /** A shared instance of a short string. */
  String canonical(String s) {
    if (s.length() > MAX_CACHED_LENGTH) {
      return s;
    }
    String c = strings.putIfAbsent(s, s);
    if (c != null) {
      return c;
    }
    if (strings.size() > MAX_CACHE_SIZE) {
      strings.clear();
    }
    return s;
  }

  /** Reads the value whose first token the parser is on, leaving the parser on its last token. */
  Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return canonical(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return (long) p.getIntValue();
          case LONG:
            return p.getLongValue();
          default:
            return EdnReader.integer(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        {
          int base = sp;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            Object v = read(p);
            if (sp == stack.length) {
              stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            stack[sp++] = v;
          }
          List<Object> out = new ArrayList<>(sp - base);
          for (int i = base; i < sp; i++) {
            out.add(stack[i]);
            stack[i] = null;
          }
          sp = base;
          return out;
        }
      case START_OBJECT:
        {
          Map<String, Object> out = new LinkedHashMap<>();
          while (p.nextToken() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, read(p));
          }
          return out;
        }
      default:
        throw new IllegalStateException("unexpected JSON token " + t);
    }
  }
}
