package io.faultline.raft.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Primitive encodings of the client protocol: strings as a 4-byte length (−1 for null) and UTF-8 bytes; values
 * (the results of operations) as a tag byte — 0 null, 1 string, 2 list of strings, 3 boolean — and the data.
 */
public final class Wire {
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte LIST = 2;
  private static final byte BOOL = 3;

  private Wire() {}

  public static int size(String s) {
    return 4 + (s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length);
  }

  public static void putString(ByteBuffer b, String s) {
    if (s == null) {
      b.putInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.putInt(bytes.length).put(bytes);
  }

  public static String getString(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0) {
      return null;
    }
    if (n > b.remaining()) {
      throw new IllegalArgumentException("string length " + n + " exceeds frame");
    }
    byte[] bytes = new byte[n];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static int valueSize(Object v) {
    if (v instanceof String s) {
      return 1 + size(s);
    }
    if (v instanceof List<?> l) {
      int n = 5;
      for (Object o : l) {
        n += size((String) o);
      }
      return n;
    }
    return v instanceof Boolean ? 2 : 1;
  }

  public static void putValue(ByteBuffer b, Object v) {
    if (v == null) {
      b.put(NULL);
    } else if (v instanceof String s) {
      b.put(STRING);
      putString(b, s);
    } else if (v instanceof List<?> l) {
      b.put(LIST).putInt(l.size());
      for (Object o : l) {
        putString(b, (String) o);
      }
    } else if (v instanceof Boolean bool) {
      b.put(BOOL).put((byte) (bool ? 1 : 0));
    } else {
      throw new IllegalArgumentException("cannot encode " + v.getClass());
    }
  }

  public static Object getValue(ByteBuffer b) {
    byte tag = b.get();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return getString(b);
      case LIST:
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 4) {
          throw new IllegalArgumentException("list length " + n + " exceeds frame");
        }
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(getString(b));
        }
        return List.copyOf(l);
      case BOOL:
        return b.get() != 0;
      default:
        throw new IllegalArgumentException("unknown value tag " + tag);
    }
  }
}
