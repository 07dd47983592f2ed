package io.faultline.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of a node in its folder of the run folder, whatever backend runs it: {@code node.log} and the
 * libfaketime clock file {@code faketime}.
 */
public final class NodeFiles {
  private NodeFiles() {}

  /** The node's log in its folder. */
  public static Path log(Path nodeDir) {
    return nodeDir.resolve("node.log");
  }

  /** The node's clock file in its folder. */
  public static Path clock(Path nodeDir) {
    return nodeDir.resolve("faketime");
  }

  /** Creates the node's folder, and its clock file at offset zero when missing (a restart keeps its offset). */
  public static void prepare(Path nodeDir, boolean clock) {
    try {
      Files.createDirectories(nodeDir);
      Path f = clock(nodeDir);
      if (clock && !Files.exists(f)) {
        Files.writeString(f, "+0\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment that puts a node under libfaketime, reading its offset from {@code clockFile} (as the node sees
   * it) at every clock read, so that a new offset takes effect at once.
   */
  public static Map<String, String> fakeClockEnv(Path libfaketime, String clockFile) {
    return Map.of(
        "LD_PRELOAD",
        libfaketime.toString(),
        "FAKETIME_TIMESTAMP_FILE",
        clockFile,
        "FAKETIME_NO_CACHE",
        "1");
  }

  /** The last {@code lines} lines of {@code log}, for error messages. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all =
          Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
