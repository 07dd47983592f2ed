package io.faultline.harness.checker.model;

/**
 * An immutable string built by appends: the state of a key that {@code append} grew. Each append is one small node
 * that points at the text it was appended to and holds the appended string itself (the operation's own value, not a
 * copy), so a step costs the length of what it appends, not of the whole value, and the states that a search caches
 * share their prefixes instead of each holding a copy of hundreds of characters.
 *
 * <p>The hash is {@link String#hashCode()} of the content, kept up to date on each append, so comparing a text with
 * the string a {@code get} returned rejects a mismatch by its hash without reading either. A text equals another text
 * of the same content, never a {@link String}; models compare a text with history values through {@link
 * Values#same}, which compares contents.
 */
public final class Text {
  private static final Text EMPTY = new Text(null, "", 0, 0);

  private final Text prefix;
  private final String tail;
  private final int length;
  private final int hash;

  private Text(Text prefix, String tail, int length, int hash) {
    this.prefix = prefix;
    this.tail = tail;
    this.length = length;
    this.hash = hash;
  }

  /** The text of a state: itself when it is one, the empty text for {@code null}, else its string form. */
  public static Text of(Object value) {
    if (value instanceof Text t) {
      return t;
    }
    if (value == null) {
      return EMPTY;
    }
    String s = String.valueOf(value);
    return new Text(null, s, s.length(), s.hashCode());
  }

  /** This text followed by {@code suffix}; this text itself when the suffix is empty. */
  public Text append(String suffix) {
    if (suffix.isEmpty()) {
      return this;
    }
    if (length == 0) {
      return of(suffix);
    }
    int h = hash;
    for (int i = 0; i < suffix.length(); i++) {
      h = 31 * h + suffix.charAt(i);
    }
    return new Text(this, suffix, Math.addExact(length, suffix.length()), h);
  }

  public int length() {
    return length;
  }

  /** Whether this text reads as {@code s}: by hash and length first, then by the appended parts, last first. */
  public boolean contentEquals(String s) {
    if (s.length() != length || s.hashCode() != hash) {
      return false;
    }
    for (Text t = this; t != null; t = t.prefix) {
      if (!s.regionMatches(t.length - t.tail.length(), t.tail, 0, t.tail.length())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Text other)) {
      return false;
    }
    Text a = this;
    Text b = other;
    while (a != b) {
      if (a.length != b.length || a.hash != b.hash) {
        return false;
      }
      if (a.tail.length() != b.tail.length()) {
        return a.contentEquals(b.toString());
      }
      if (!a.tail.equals(b.tail)) {
        return false;
      }
      a = a.prefix;
      b = b.prefix;
      if (a == null || b == null) {
        return a == b;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The whole content; built on each call (reports only), so the search never holds it. */
  @Override
  public String toString() {
    if (prefix == null) {
      return tail;
    }
    char[] out = new char[length];
    for (Text t = this; t != null; t = t.prefix) {
      t.tail.getChars(0, t.tail.length(), out, t.length - t.tail.length());
    }
    return new String(out);
  }
}
