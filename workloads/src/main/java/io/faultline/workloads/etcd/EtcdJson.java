package io.faultline.workloads.etcd;

/**
 * The few fields Faultline reads from etcd's JSON answers, found by scanning the text rather than binding it: each
 * answer is small, and every field the clients need ({@code value}, {@code mod_revision}, {@code succeeded},
 * {@code error}, {@code leader}, {@code member_id}) has a name that occurs once per answer of the kind that carries it
 * (a range answers at most one key here).
 */
final class EtcdJson {
  private EtcdJson() {}

  /**
   * The first value of the member {@code name} anywhere in {@code json}: a string's text (unescaped), or the literal
   * text of a number, boolean or null; null when there is no such member, or its value is an object or array.
   */
  static String field(String json, String name) {
    String quoted = "\"" + name + "\"";
    for (int at = json.indexOf(quoted); at >= 0; at = json.indexOf(quoted, at + 1)) {
      int i = skipSpace(json, at + quoted.length());
      if (i < json.length() && json.charAt(i) == ':') {
        return value(json, skipSpace(json, i + 1));
      }
    }
    return null;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String value(String s, int i) {
    if (i >= s.length()) {
      return null;
    }
    char c = s.charAt(i);
    if (c == '"') {
      return string(s, i + 1);
    }
    if (c == '{' || c == '[') {
      return null;
    }
    int end = i;
    while (end < s.length() && ",}] \t\r\n".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    return s.substring(i, end);
  }

  private static String string(String s, int i) {
    StringBuilder sb = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\' || i >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 <= s.length()) {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }
}
