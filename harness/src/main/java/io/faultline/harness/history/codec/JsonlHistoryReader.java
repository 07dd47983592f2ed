package io.faultline.harness.history.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.faultline.harness.history.History;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Faultline's native history format, JSON Lines: one op object per line (see {@link OpJson} for its shape),
 * streamed line by line with Jackson's streaming parser.
 *
 * <ul>
 *   <li>Blank lines are skipped; unknown fields are ignored; {@code index} is ignored (an op's index is its position).
 *   <li>{@code type}, {@code process} and {@code f} are required; a missing {@code time} is {@code -1}.
 *   <li>A line with a {@code key} field has the value {@code [key, value]} (Jepsen's independent tuple).
 *   <li>A last line that does not end with a line break and is not valid JSON is a write cut short by a crash: it is
 *       ignored, so the history loads up to its last whole line. Any other malformed line is a
 *       {@link MalformedHistoryException} naming the file, the line and the problem.
 * </ul>
 */
public final class JsonlHistoryReader {
  private JsonlHistoryReader() {}

  /** Reads the history in this file. */
  public static History read(Path file) {
    List<Op> ops = new ArrayList<>();
    forEach(file, ops::add);
    return History.of(ops);
  }

  /** Reads the history in this stream; {@code source} names it in errors (may be null). Does not close the stream. */
  public static History read(InputStream in, String source) {
    List<Op> ops = new ArrayList<>();
    forEach(in, source, ops::add);
    return History.of(ops);
  }

  /** Reads the history in this text. */
  public static History parse(String text) {
    return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
  }

  /** Streams the ops of this file, in order, to {@code sink}; each op's index is its position (from 0). */
  public static void forEach(Path file, Consumer<Op> sink) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      forEach(in, source, sink);
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
  }

  /** Streams the ops of this stream, in order, to {@code sink}; each op's index is its position (from 0). */
  public static void forEach(InputStream in, String source, Consumer<Op> sink) {
    ByteLines lines = new ByteLines(in);
    JsonValueReader values = new JsonValueReader();
    long index = 0;
    try {
      while (lines.next()) {
        if (lines.isBlank()) {
          continue;
        }
        Op op;
        try (JsonParser p =
            OpJson.FACTORY.createParser(lines.buf(), lines.start(), lines.length())) {
          op = parseOp(p, values, index);
        } catch (JsonProcessingException e) {
          if (!lines.terminated() && !(e instanceof StreamConstraintsException)) {
            return; // a final line cut short by a crash
          }
          throw new MalformedHistoryException(source, lines.number(), jsonProblem(e));
        } catch (OpDecoder.FieldException e) {
          throw new MalformedHistoryException(source, lines.number(), e.getMessage());
        }
        index++;
        sink.accept(op);
      }
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
  }

  /**
   * Parses one line of JSON Lines into an op (index -1).
   *
   * @throws MalformedHistoryException (with no source and no line) if it is not an op
   */
  public static Op parseLine(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = OpJson.FACTORY.createParser(b)) {
      return parseOp(p, new JsonValueReader(), -1);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(null, 0, jsonProblem(e));
    } catch (OpDecoder.FieldException e) {
      throw new MalformedHistoryException(null, 0, e.getMessage());
    } catch (IOException e) {
      throw new MalformedHistoryException(null, 0, e.toString());
    }
  }

  private static Op parseOp(JsonParser p, JsonValueReader values, long index) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw new OpDecoder.FieldException("expected an op (a JSON object), got " + describe(p, t));
    }
    Object type = null;
    Object process = null;
    Object f = null;
    Object value = null;
    Object error = null;
    Object time = null;
    Object node = null;
    Object key = null;
    boolean hasType = false;
    boolean hasProcess = false;
    boolean hasF = false;
    boolean hasKey = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      Object v = values.read(p);
      switch (name) {
        case "type" -> {
          type = v;
          hasType = true;
        }
        case "process" -> {
          process = v;
          hasProcess = true;
        }
        case "f" -> {
          f = v;
          hasF = true;
        }
        case "value" -> value = v;
        case "error" -> error = v;
        case "time" -> time = v;
        case "node" -> node = v;
        case "key" -> {
          key = v;
          hasKey = true;
        }
        default -> {
          // index, and fields we do not know: ignored
        }
      }
    }
    JsonToken after = p.nextToken();
    if (after != null) {
      throw new OpDecoder.FieldException("unexpected text after the op's closing '}'");
    }
    OpDecoder.Dialect d = OpDecoder.Dialect.JSON;
    Op.Type opType = OpDecoder.type(type, hasType, d);
    int proc = OpDecoder.process(process, hasProcess, d);
    String fn = OpDecoder.f(f, hasF, d);
    long tm = OpDecoder.time(time, d);
    String nd = OpDecoder.node(node, d);
    if (hasKey) {
      value = OpDecoder.keyed(key, value);
    }
    return new Op(index, tm, opType, proc, fn, value, error, nd);
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      return "nothing";
    }
    if (t == JsonToken.START_ARRAY) {
      return "an array";
    }
    return OpDecoder.Dialect.JSON.got(OpJson.readValue(p));
  }

  private static String jsonProblem(JsonProcessingException e) {
    String msg = oneLine(e.getOriginalMessage());
    int col = e.getLocation() != null ? e.getLocation().getColumnNr() : -1;
    return "not valid JSON" + (col > 0 ? " at column " + col : "") + ": " + msg;
  }

  /** The first line of a message, without Jackson's location suffix. */
  static String oneLine(String msg) {
    if (msg == null) {
      return "";
    }
    int nl = msg.indexOf('\n');
    String s = nl >= 0 ? msg.substring(0, nl) : msg;
    int marker = s.indexOf(" (start marker at ");
    if (marker >= 0) {
      s = s.substring(0, marker);
    }
    s = s.strip();
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
