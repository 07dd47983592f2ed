package io.faultline.harness.cluster.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the POSIX shell that runs each command on a host. */
final class Shell {
  private Shell() {}

  /** {@code s} as one shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Each word quoted, joined by spaces. */
  static String words(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
