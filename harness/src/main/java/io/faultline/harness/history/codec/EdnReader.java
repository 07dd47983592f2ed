package io.faultline.harness.history.codec;

import io.faultline.harness.history.Keyword;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A streaming reader of EDN text that yields top-level forms one at a time, written for Faultline (no EDN library).
 *
 * <p>Values map to Java as follows: {@code nil} → {@code null}; {@code true}/{@code false} → {@link Boolean}; integers →
 * {@link Long}, or {@link BigInteger} only when they do not fit in a long ({@code N} suffix allowed); floats →
 * {@link Double} ({@code M} suffix → {@link BigDecimal}); strings → {@link String}; characters → {@link Character};
 * keywords → {@link Keyword}; symbols → {@link String}; vectors and lists → {@link List}; maps →
 * {@link LinkedHashMap}; sets → {@link LinkedHashSet}. Comments ({@code ;}, {@code #!}), commas, a byte order mark,
 * {@code #_} discards and metadata ({@code ^...}) are skipped. A tagged literal ({@code #inst "..."}, {@code #uuid "..."}, or a record
 * literal such as {@code #jepsen.history.Op{...}}) yields its inner value. {@code ##Inf}, {@code ##-Inf} and
 * {@code ##NaN} are doubles; {@code #"re"} is a string; {@code #:ns{...}} qualifies its unqualified keyword keys.
 *
 * <p>Errors are {@link EdnException}s that carry the line. Not thread-safe.
 */
public final class EdnReader implements Closeable {
  private static final int EOF = -1;

  /** Collections nested deeper than this are refused rather than risking a stack overflow. */
  static final int MAX_NESTING = 1000;

  private final Reader in;
  private final char[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;
  private long formLine;

  private final StringBuilder token = new StringBuilder(32);
  private final Map<String, Keyword> keywords = new HashMap<>();
  private final char[] closers = new char[64];
  private final long[] openLines = new long[64];
  private int depth;
  private int nesting;

  /** A reader of the EDN text of {@code in}; closing it closes {@code in}. */
  public EdnReader(Reader in) {
    this(in, 8192);
  }

  EdnReader(Reader in, int bufferSize) {
    this.in = in;
    this.buf = new char[Math.max(16, bufferSize)];
  }

  /** A reader of this UTF-8 file. */
  public static EdnReader open(Path file) throws IOException {
    return new EdnReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }

  /** A reader of this text. */
  public static EdnReader of(String text) {
    return new EdnReader(new StringReader(text), Math.min(8192, text.length() + 1));
  }

  /** True if another top-level form follows (whitespace, comments and discarded forms are skipped). */
  public boolean hasNext() throws IOException {
    skipWhitespace();
    return peek() != EOF;
  }

  /**
   * The next form: a top-level form, or, inside a sequence opened with {@link #beginSequence()}, its next element.
   *
   * @throws NoSuchElementException at the end of the input
   * @throws EdnException on a syntax error
   */
  public Object next() throws IOException {
    skipWhitespace();
    if (peek() == EOF) {
      throw new NoSuchElementException("end of EDN input");
    }
    formLine = line;
    return readForm();
  }

  /** The 1-based line on which the form last returned by {@link #next()} began. */
  public long line() {
    return formLine;
  }

  /** The 1-based line the reader is at now. */
  public long currentLine() {
    return line;
  }

  /**
   * The first character of the next form, after whitespace and comments, without consuming it; {@code -1} at the end
   * of the input. Lets a caller decide how to read what follows, e.g. whether to stream a vector element by element.
   */
  public int peekForm() throws IOException {
    skipWhitespace();
    return peek();
  }

  /**
   * If the next form is a vector or a list, consumes its opening bracket and returns true; the caller then reads its
   * elements with {@link #endOfSequence()} and {@link #next()}. Otherwise consumes nothing and returns false.
   */
  public boolean beginSequence() throws IOException {
    int c = peekForm();
    if (c != '[' && c != '(') {
      return false;
    }
    if (depth == closers.length) {
      throw error("sequences nested too deeply for streaming");
    }
    formLine = line;
    read();
    closers[depth] = c == '[' ? ']' : ')';
    openLines[depth] = line;
    depth++;
    return true;
  }

  /**
   * Inside a sequence opened with {@link #beginSequence()}: if its closing bracket comes next, consumes it and returns
   * true; if another element follows, returns false.
   *
   * @throws EdnException if the input ends first, or a different closing bracket comes
   */
  public boolean endOfSequence() throws IOException {
    if (depth == 0) {
      throw new IllegalStateException("no sequence is open");
    }
    skipWhitespace();
    int c = peek();
    char closer = closers[depth - 1];
    if (c == closer) {
      read();
      depth--;
      return true;
    }
    if (c == EOF) {
      throw error(
          "end of input inside the "
              + (closer == ']' ? "vector" : "list")
              + " that starts at line "
              + openLines[depth - 1]
              + " (missing '"
              + closer
              + "')");
    }
    if (c == ')' || c == ']' || c == '}') {
      throw error("unexpected '" + (char) c + "', expected '" + closer + "'");
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Characters

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      int rest = limit - pos;
      System.arraycopy(buf, pos, buf, 0, rest);
      limit = rest;
      pos = 0;
    }
    while (limit < buf.length) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        break;
      }
      if (n > 0) {
        limit += n;
        return true;
      }
    }
    return limit > pos;
  }

  private int peek() throws IOException {
    if (pos >= limit && !fill()) {
      return EOF;
    }
    return buf[pos];
  }

  /** The character after the next one, without consuming anything. */
  private int peek2() throws IOException {
    if (pos + 1 >= limit) {
      fill();
      if (pos + 1 >= limit) {
        return EOF;
      }
    }
    return buf[pos + 1];
  }

  private int read() throws IOException {
    if (pos >= limit && !fill()) {
      return EOF;
    }
    char c = buf[pos++];
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private static boolean isWhitespace(int c) {
    return c == ' '
        || c == ','
        || c == '\n'
        || c == '\t'
        || c == '\r'
        || c == '\f'
        || c == 0x0B
        || c == '\uFEFF';
  }

  /** Characters that end a token (a number, symbol, keyword or character literal). */
  private static boolean isTerminator(int c) {
    switch (c) {
      case EOF:
      case ' ':
      case ',':
      case '\n':
      case '\t':
      case '\r':
      case '\f':
      case 0x0B:
      case '\uFEFF':
      case '"':
      case ';':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case '\\':
      case '@':
      case '^':
      case '`':
      case '~':
        return true;
      default:
        return false;
    }
  }

  private void skipWhitespace() throws IOException {
    while (true) {
      int c = peek();
      if (isWhitespace(c)) {
        read();
      } else if (c == ';') {
        skipLine();
      } else if (c == '#') {
        int d = peek2();
        if (d == '_') {
          read();
          read();
          enter();
          try {
            skipWhitespace();
            if (peek() == EOF) {
              throw error("end of input after #_ (nothing to discard)");
            }
            readForm();
          } finally {
            nesting--;
          }
        } else if (d == '!') {
          skipLine();
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  private void skipLine() throws IOException {
    while (true) {
      int c = read();
      if (c == '\n' || c == EOF) {
        return;
      }
    }
  }

  private EdnException error(String problem) {
    return new EdnException(line, problem);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Forms

  /** Reads one form; whitespace before it has been skipped and the input does not end here. */
  private Object readForm() throws IOException {
    int c = peek();
    switch (c) {
      case EOF:
        throw error("unexpected end of input");
      case '[':
        read();
        return readNested(']');
      case '(':
        read();
        return readNested(')');
      case '{':
        read();
        return readNested('}');
      case '"':
        read();
        return readString();
      case ':':
        read();
        return readKeyword();
      case '\\':
        read();
        return readCharacter();
      case '#':
        read();
        enter();
        try {
          return readDispatch();
        } finally {
          nesting--;
        }
      case '^':
        read();
        enter();
        try {
          return readWithMeta();
        } finally {
          nesting--;
        }
      case ')':
      case ']':
      case '}':
        throw error("unexpected '" + (char) c + "'");
      case '@':
      case '`':
      case '~':
      case '\'':
        throw error("unsupported reader macro '" + (char) c + "' (not EDN)");
      default:
        return readAtom();
    }
  }

  private void enter() {
    if (++nesting > MAX_NESTING) {
      nesting--;
      throw error("forms nested more than " + MAX_NESTING + " deep");
    }
  }

  private Object readNested(char kind) throws IOException {
    enter();
    try {
      return switch (kind) {
        case ']' -> readSequence(']', "vector");
        case ')' -> readSequence(')', "list");
        case '}' -> readMap();
        default -> readSet();
      };
    } finally {
      nesting--;
    }
  }

  private Object nextInCollection(char closer, String what, long startLine) throws IOException {
    skipWhitespace();
    int c = peek();
    if (c == EOF) {
      throw error(
          "end of input inside the "
              + what
              + " that starts at line "
              + startLine
              + " (missing '"
              + closer
              + "')");
    }
    return c == closer ? closer : null;
  }

  private List<Object> readSequence(char closer, String what) throws IOException {
    long start = line;
    List<Object> out = new ArrayList<>();
    while (true) {
      if (nextInCollection(closer, what, start) != null) {
        read();
        return out;
      }
      out.add(readForm());
    }
  }

  private Map<Object, Object> readMap() throws IOException {
    long start = line;
    Map<Object, Object> out = new LinkedHashMap<>();
    while (true) {
      if (nextInCollection('}', "map", start) != null) {
        read();
        return out;
      }
      Object k = readForm();
      if (nextInCollection('}', "map", start) != null) {
        throw error(
            "the map that starts at line "
                + start
                + " has a key with no value ("
                + Edn.write(k)
                + ")");
      }
      Object v = readForm();
      out.put(k, v);
    }
  }

  private Set<Object> readSet() throws IOException {
    long start = line;
    Set<Object> out = new LinkedHashSet<>();
    while (true) {
      if (nextInCollection('}', "set", start) != null) {
        read();
        return out;
      }
      out.add(readForm());
    }
  }

  private String readString() throws IOException {
    long start = line;
    StringBuilder sb = token;
    sb.setLength(0);
    while (true) {
      // Fast path: copy runs of plain characters straight from the buffer.
      int from = pos;
      while (pos < limit) {
        char ch = buf[pos];
        if (ch == '"' || ch == '\\') {
          break;
        }
        if (ch == '\n') {
          line++;
        }
        pos++;
      }
      sb.append(buf, from, pos - from);
      int c = read();
      if (c == '"') {
        return sb.toString();
      }
      if (c == EOF) {
        throw error(
            "end of input inside the string that starts at line " + start + " (missing '\"')");
      }
      if (c != '\\') {
        // pos ran to the buffer's limit; read() refilled it and returned a plain character
        sb.append((char) c);
      } else {
        int e = read();
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case '\'' -> sb.append('\'');
          case 'u' -> sb.append((char) readHex(4));
          case EOF -> throw error("end of input inside the string that starts at line " + start);
          default -> {
            if (e >= '0' && e <= '7') {
              int v = e - '0';
              for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; i++) {
                v = v * 8 + (read() - '0');
              }
              if (v > 0377) {
                throw error("octal escape out of range in a string");
              }
              sb.append((char) v);
            } else {
              throw error("unsupported escape '\\" + (char) e + "' in a string");
            }
          }
        }
      }
    }
  }

  private int readHex(int n) throws IOException {
    int v = 0;
    for (int i = 0; i < n; i++) {
      int c = read();
      int d = Character.digit(c < 0 ? 0 : c, 16);
      if (c < 0 || d < 0) {
        throw error("bad \\u escape: expected " + n + " hex digits");
      }
      v = v * 16 + d;
    }
    return v;
  }

  /** Reads characters up to a terminator into {@link #token}. */
  private String readToken() throws IOException {
    StringBuilder sb = token;
    sb.setLength(0);
    while (true) {
      int from = pos;
      while (pos < limit && !isTerminator(buf[pos])) {
        pos++;
      }
      sb.append(buf, from, pos - from);
      if (pos < limit || !fill()) {
        return sb.toString();
      }
    }
  }

  private Keyword readKeyword() throws IOException {
    if (peek() == ':') {
      read(); // ::auto-resolved, read as an unqualified keyword
    }
    String name = readToken();
    if (name.isEmpty()) {
      throw error("a keyword needs a name after ':'");
    }
    return keyword(name);
  }

  private Keyword keyword(String name) {
    Keyword k = keywords.get(name);
    if (k == null) {
      k = Keyword.of(name);
      if (keywords.size() < 100_000) {
        keywords.put(name, k);
      }
    }
    return k;
  }

  private Character readCharacter() throws IOException {
    int first = read();
    if (first == EOF) {
      throw error("end of input after '\\' (a character literal)");
    }
    token.setLength(0);
    String rest = isTerminator(peek()) ? "" : readToken();
    if (rest.isEmpty()) {
      return (char) first;
    }
    String name = (char) first + rest;
    switch (name) {
      case "newline":
        return '\n';
      case "space":
        return ' ';
      case "tab":
        return '\t';
      case "return":
        return '\r';
      case "backspace":
        return '\b';
      case "formfeed":
        return '\f';
      default:
        break;
    }
    if (first == 'u' && rest.length() == 4) {
      try {
        return (char) Integer.parseInt(rest, 16);
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    if (first == 'o' && rest.length() <= 3) {
      try {
        int v = Integer.parseInt(rest, 8);
        if (v <= 0377) {
          return (char) v;
        }
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw error("unsupported character literal '\\" + name + "'");
  }

  private Object readDispatch() throws IOException {
    int c = peek();
    switch (c) {
      case '{':
        read();
        return readNested('s');
      case '"':
        read();
        return readString(); // a regex: kept as its source string
      case '_':
        read();
        skipWhitespace();
        readForm();
        skipWhitespace();
        return readForm();
      case '#':
        {
          read();
          String sym = readToken();
          switch (sym) {
            case "Inf":
              return Double.POSITIVE_INFINITY;
            case "-Inf":
              return Double.NEGATIVE_INFINITY;
            case "NaN":
              return Double.NaN;
            default:
              throw error("unknown symbolic value '##" + sym + "'");
          }
        }
      case ':':
        {
          read();
          String ns = readToken();
          skipWhitespace();
          if (peek() != '{') {
            throw error("expected a map after '#:" + ns + "'");
          }
          read();
          Map<Object, Object> m = readMap();
          Map<Object, Object> out = new LinkedHashMap<>();
          for (Map.Entry<Object, Object> e : m.entrySet()) {
            Object k = e.getKey();
            if (k instanceof Keyword kw && kw.name().indexOf('/') < 0) {
              k = keyword(ns + "/" + kw.name());
            }
            out.put(k, e.getValue());
          }
          return out;
        }
      case EOF:
        throw error("end of input after '#'");
      default:
        if (Character.isLetter(c)) {
          long start = line;
          String tag = readToken();
          skipWhitespace();
          if (peek() == EOF) {
            throw error("end of input after the tag #" + tag + " that starts at line " + start);
          }
          return readForm(); // #inst "...", #uuid "...", #my.Record{...}: the inner value
        }
        throw error("unsupported dispatch '#" + (char) c + "'");
    }
  }

  private Object readWithMeta() throws IOException {
    skipWhitespace();
    readForm(); // the metadata
    skipWhitespace();
    if (peek() == EOF) {
      throw error("end of input after metadata");
    }
    return readForm();
  }

  private Object readAtom() throws IOException {
    String t = readToken();
    if (t.isEmpty()) {
      // A character that is neither a token nor a macro, e.g. a stray control character.
      throw error("unexpected character '" + (char) read() + "'");
    }
    char c0 = t.charAt(0);
    if (isDigit(c0) || ((c0 == '+' || c0 == '-') && t.length() > 1 && isDigit(t.charAt(1)))) {
      return parseNumber(t);
    }
    switch (t) {
      case "nil":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        return t; // a symbol
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object parseNumber(String t) {
    int n = t.length();
    // Fast path: a plain integer that fits in a long.
    int i = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
    if (n - i <= 18) {
      long v = 0;
      int j = i;
      while (j < n && isDigit(t.charAt(j))) {
        v = v * 10 + (t.charAt(j) - '0');
        j++;
      }
      if (j == n) {
        return t.charAt(0) == '-' ? -v : v;
      }
    }
    try {
      char last = t.charAt(n - 1);
      if (last == 'N') {
        return integer(new BigInteger(stripPlus(t.substring(0, n - 1))));
      }
      if (last == 'M') {
        return new BigDecimal(stripPlus(t.substring(0, n - 1)));
      }
      int slash = t.indexOf('/');
      if (slash > 0) {
        BigDecimal num = new BigDecimal(stripPlus(t.substring(0, slash)));
        BigDecimal den = new BigDecimal(t.substring(slash + 1));
        return num.doubleValue() / den.doubleValue();
      }
      String body = t.substring(i);
      if (body.length() > 2
          && body.charAt(0) == '0'
          && (body.charAt(1) == 'x' || body.charAt(1) == 'X')) {
        BigInteger v = new BigInteger(body.substring(2), 16);
        return integer(t.charAt(0) == '-' ? v.negate() : v);
      }
      for (int k = i; k < n; k++) {
        char ch = t.charAt(k);
        if (!(isDigit(ch) || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+')) {
          throw new NumberFormatException();
        }
      }
      if (t.indexOf('.') >= 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
        return Double.parseDouble(t);
      }
      return integer(new BigInteger(stripPlus(t)));
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("invalid number '" + t + "'");
    }
  }

  private static String stripPlus(String s) {
    return s.startsWith("+") ? s.substring(1) : s;
  }

  /** A Long if it fits, else the BigInteger. */
  static Object integer(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }
}
