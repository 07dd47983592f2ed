package io.faultline.harness.history.codec;

import io.faultline.harness.history.History;
import io.faultline.harness.history.MalformedHistoryException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** The history file formats, by the id the CLI's {@code --format} takes. */
public enum HistoryFormat {
  /** Faultline's native format: JSON Lines, one op per line ({@code history.jsonl}). */
  JSONL("jsonl"),
  /** Jepsen/Knossos EDN: a vector or list of op maps, or op maps one per line. */
  EDN("edn"),
  /** Jepsen's text histories: {@code history.txt} and console logs; read-only. */
  JEPSEN_LOG("jepsen-log");

  /** How many characters {@link #detect(Path)} looks at, at most. */
  private static final int SNIFF_CHARS = 1 << 20;

  private final String id;

  HistoryFormat(String id) {
    this.id = id;
  }

  /** The id, e.g. {@code jsonl}. */
  public String id() {
    return id;
  }

  /** The format with this id (case-insensitive), if any. */
  public static Optional<HistoryFormat> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (HistoryFormat f : values()) {
      if (f.id.equals(key)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The ids, comma-separated, for error messages: {@code jsonl, edn, jepsen-log}. */
  public static String ids() {
    StringJoiner j = new StringJoiner(", ");
    for (HistoryFormat f : values()) {
      j.add(f.id);
    }
    return j.toString();
  }

  /** True if this format can be written. */
  public boolean writable() {
    return this != JEPSEN_LOG;
  }

  /**
   * The format of a file: by its extension ({@code .jsonl}/{@code .json} → JSONL, {@code .edn} → EDN,
   * {@code .txt}/{@code .log} → JEPSEN_LOG), else by its first character that is not blank or in a {@code ;} comment:
   * <code>&#123;</code> → JSONL if that line is a JSON object, else EDN; {@code [} or {@code (} → EDN; a digit,
   * {@code :} or a log level such as {@code INFO} → JEPSEN_LOG. An empty file is JSONL (an empty history).
   *
   * <p>A {@code .txt} or {@code .log} file whose first character is <code>&#123;</code>, {@code [} or {@code (} is
   * sniffed as above, since no Jepsen log line starts that way: the 6.824 lab histories (Porcupine's
   * {@code test_data/kv/*.txt}) are EDN op maps in {@code .txt} files.
   *
   * @throws MalformedHistoryException if the file cannot be read or its format cannot be told
   */
  public static HistoryFormat detect(Path file) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".edn")) {
      return EDN;
    }
    boolean text = name.endsWith(".txt") || name.endsWith(".log");
    String source = file.toString();
    String line;
    try {
      line = firstMeaningfulLine(file);
    } catch (IOException e) {
      if (text) {
        return JEPSEN_LOG; // reading it will report the problem
      }
      throw Codecs.cannotRead(source, e);
    }
    if (line == null) {
      return text ? JEPSEN_LOG : JSONL;
    }
    char c = line.charAt(0);
    if (text && c != '{' && c != '[' && c != '(') {
      return JEPSEN_LOG;
    }
    if (c == '{') {
      try {
        return OpJson.parseValue(line) instanceof java.util.Map ? JSONL : EDN;
      } catch (IllegalArgumentException e) {
        // Not one whole JSON object: EDN, unless it starts like JSON (a first line cut short by a
        // crash).
        return line.matches("\\{\\s*\"[^\"]*\"\\s*:.*") ? JSONL : EDN;
      }
    }
    if (c == '[' || c == '(') {
      return EDN;
    }
    if ((c >= '0' && c <= '9')
        || c == ':'
        || startsWithLogLevel(line)
        || line.contains("jepsen.util")) {
      return JEPSEN_LOG;
    }
    throw new MalformedHistoryException(
        source,
        0,
        "cannot tell the history format from the file's name or its"
            + " first line; give one of: "
            + ids());
  }

  private static boolean startsWithLogLevel(String line) {
    for (String level : new String[] {"INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL"}) {
      if (line.startsWith(level)) {
        return true;
      }
    }
    return false;
  }

  /** The first line that is not blank and not a {@code ;} comment, stripped; null if there is none. */
  private static String firstMeaningfulLine(Path file) throws IOException {
    char[] buf = new char[8192];
    StringBuilder line = new StringBuilder();
    int seen = 0;
    try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      int n;
      while (seen < SNIFF_CHARS && (n = in.read(buf)) >= 0) {
        for (int i = 0; i < n; i++) {
          char c = buf[i];
          if (c == '\n') {
            String s = meaningful(line);
            if (s != null) {
              return s;
            }
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
        seen += n;
      }
    }
    return meaningful(line);
  }

  private static String meaningful(CharSequence line) {
    String s = line.toString().strip();
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1).strip();
    }
    return s.isEmpty() || s.startsWith(";") ? null : s;
  }

  /**
   * Reads a history in this format.
   *
   * @throws MalformedHistoryException naming the file, line and problem if it cannot be read
   */
  public History read(Path file) {
    return switch (this) {
      case JSONL -> JsonlHistoryReader.read(file);
      case EDN -> EdnHistoryCodec.read(file);
      case JEPSEN_LOG -> JepsenLogReader.read(file);
    };
  }

  /**
   * Writes a history in this format, replacing the file.
   *
   * @throws UnsupportedOperationException for {@link #JEPSEN_LOG}, which is read-only
   * @throws UncheckedIOException if the file cannot be written
   */
  public void write(History history, Path file) {
    try {
      switch (this) {
        case JSONL -> JsonlHistoryWriter.write(history, file);
        case EDN -> EdnHistoryCodec.write(history, file);
        case JEPSEN_LOG ->
            throw new UnsupportedOperationException(
                "the jepsen-log format is read-only: write jsonl or edn instead");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
