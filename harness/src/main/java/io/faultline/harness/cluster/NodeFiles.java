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

  /**
   * For each glob (relative to {@code dir}), the newest non-empty regular file under {@code dir} that it matches,
   * in the order of the globs, without repeats; the lazy file system's control file is never one.
   */
  public static List<Path> newest(Path dir, List<String> globs) {
    List<Path> out = new java.util.ArrayList<>();
    List<Path> all;
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      all =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith(".faultline-lazyfs"))
              .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
    for (String glob : globs) {
      java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + glob);
      all.stream()
          .filter(f -> m.matches(dir.relativize(f)))
          .filter(f -> size(f) > 0)
          .max(java.util.Comparator.comparing(NodeFiles::modified))
          .filter(f -> !out.contains(f))
          .ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }
}
