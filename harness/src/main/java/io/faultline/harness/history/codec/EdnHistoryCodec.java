package io.faultline.harness.history.codec;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Jepsen/Knossos EDN histories.
 *
 * <p>A file holds either one vector or list of op maps (Knossos' {@code data/} files), or op maps one after another
 * (e.g. one per line, as in the 6.824 lab format), possibly with comments. Top-level vectors and lists are streamed
 * element by element, so errors name the line of the op. An op map has:
 *
 * <ul>
 *   <li>{@code :type}: {@code :invoke}, {@code :ok}, {@code :fail} or {@code :info} (required);
 *   <li>{@code :process}: a non-negative integer or {@code :nemesis} (required);
 *   <li>{@code :f}: a keyword or string (required);
 *   <li>{@code :value} (missing means nil), {@code :error}, {@code :time} (nanoseconds; missing means -1),
 *       {@code :node};
 *   <li>{@code :key}: if present, the op's value becomes {@code [key value]} (Jepsen's independent tuple).
 * </ul>
 *
 * {@code :index} is ignored: ops are numbered in file order. Other keys are ignored. String keys ({@code "type"}) are
 * accepted as well as keywords.
 *
 * <p>Writing gives a vector of op maps, one per line, e.g.
 * {@code {:index 0, :time 12, :type :invoke, :process 0, :f :read, :value nil}}; keywords in values are kept, so
 * EDN → history → EDN keeps them.
 */
public final class EdnHistoryCodec {
  private static final Keyword TYPE = Keyword.of("type");
  private static final Keyword PROCESS = Keyword.of("process");
  private static final Keyword F = Keyword.of("f");
  private static final Keyword VALUE = Keyword.of("value");
  private static final Keyword ERROR = Keyword.of("error");
  private static final Keyword TIME = Keyword.of("time");
  private static final Keyword NODE = Keyword.of("node");
  private static final Keyword KEY = Keyword.of("key");

  private EdnHistoryCodec() {}

  /** Reads the EDN history in this file. */
  public static History read(Path file) {
    String source = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, source);
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
  }

  /** Reads the EDN history in this text. */
  public static History parse(String text) {
    return read(new StringReader(text), null);
  }

  /** Reads an EDN history; {@code source} names it in errors (may be null). Does not close the reader. */
  public static History read(Reader in, String source) {
    List<Op> ops = new ArrayList<>();
    EdnReader r = new EdnReader(in);
    try {
      while (r.hasNext()) {
        if (r.beginSequence()) {
          while (!r.endOfSequence()) {
            Object form = r.next();
            ops.add(toOp(form, source, r.line(), ops.size()));
          }
        } else {
          Object form = r.next();
          ops.add(toOp(form, source, r.line(), ops.size()));
        }
      }
    } catch (EdnException e) {
      throw new MalformedHistoryException(source, e.line(), e.problem());
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
    return History.of(ops);
  }

  /**
   * The op of an EDN op map (index -1).
   *
   * @throws MalformedHistoryException naming the source, the line and the field if it is not an op
   */
  public static Op toOp(Object form, String source, long line) {
    return toOp(form, source, line, -1);
  }

  private static Op toOp(Object form, String source, long line, long index) {
    if (!(form instanceof Map<?, ?> m)) {
      throw new MalformedHistoryException(
          source,
          line,
          "expected an op map such as {:process 0, :type :invoke,"
              + " :f :read, :value nil}, got "
              + OpDecoder.Dialect.EDN.got(form));
    }
    try {
      OpDecoder.Dialect d = OpDecoder.Dialect.EDN;
      Op.Type type = OpDecoder.type(get(m, TYPE), has(m, TYPE), d);
      int process = OpDecoder.process(get(m, PROCESS), has(m, PROCESS), d);
      String f = OpDecoder.f(get(m, F), has(m, F), d);
      long time = timeOf(get(m, TIME));
      Object value = get(m, VALUE);
      if (has(m, KEY)) {
        value = OpDecoder.keyed(get(m, KEY), value);
      }
      return new Op(
          index, time, type, process, f, value, get(m, ERROR), OpDecoder.node(get(m, NODE), d));
    } catch (OpDecoder.FieldException e) {
      throw new MalformedHistoryException(source, line, e.getMessage());
    }
  }

  private static long timeOf(Object v) {
    return OpDecoder.time(v, OpDecoder.Dialect.EDN);
  }

  private static Object get(Map<?, ?> m, Keyword k) {
    Object v = m.get(k);
    if (v == null && !m.containsKey(k)) {
      v = m.get(k.name());
    }
    return v;
  }

  private static boolean has(Map<?, ?> m, Keyword k) {
    return m.containsKey(k) || m.containsKey(k.name());
  }

  /** Writes the history to this file as EDN, replacing it. */
  public static void write(History history, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(history, w);
    }
  }

  /** Writes the history as an EDN vector of op maps, one per line; does not close the writer. */
  public static void write(History history, Writer out) throws IOException {
    List<Op> ops = history.ops();
    if (ops.isEmpty()) {
      out.write("[]\n");
      return;
    }
    StringBuilder sb = new StringBuilder(256);
    for (int i = 0; i < ops.size(); i++) {
      sb.setLength(0);
      sb.append(i == 0 ? '[' : ' ');
      writeOp(ops.get(i), i, sb);
      sb.append(i == ops.size() - 1 ? "]\n" : "\n");
      out.write(sb.toString());
    }
  }

  /** The EDN text of a whole history. */
  public static String toString(History history) {
    java.io.StringWriter w = new java.io.StringWriter();
    try {
      write(history, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Appends the op map of an op, e.g. {@code {:index 0, :type :invoke, :process 0, :f :read, :value nil}}. */
  static void writeOp(Op op, long index, StringBuilder sb) {
    sb.append('{');
    if (index >= 0) {
      sb.append(":index ").append(index).append(", ");
    }
    if (op.time() != -1) {
      sb.append(":time ").append(op.time()).append(", ");
    }
    sb.append(":type :").append(op.type().jepsenName());
    sb.append(", :process ");
    if (op.isNemesis()) {
      sb.append(":nemesis");
    } else {
      sb.append(op.process());
    }
    sb.append(", :f ");
    if (Edn.isKeywordName(op.f())) {
      sb.append(':').append(op.f());
    } else {
      Edn.write(op.f(), sb);
    }
    sb.append(", :value ");
    Edn.write(op.value(), sb);
    if (op.error() != null) {
      sb.append(", :error ");
      Edn.write(op.error(), sb);
    }
    if (op.node() != null) {
      sb.append(", :node ");
      Edn.write(op.node(), sb);
    }
    sb.append('}');
  }
}
