package io.faultline.harness.report;

import io.faultline.harness.history.History;
import io.faultline.harness.store.RunDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes report pages: {@code report.html} of a run, or the page of {@code ./faultline check --html}. */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes (or rewrites) {@code report.html} of {@code run} from its stored files; returns its path. */
  public static Path write(RunDir run) {
    Path out = run.report();
    writeAtomically(out, ReportPage.html(ReportData.ofRun(run)));
    return out;
  }

  /**
   * Writes the summary and linearizability page of a history file checked outside a run.
   *
   * @param lin the checker's result as JSON ({@code LinearizabilityResult#toJson()})
   */
  public static Path writeCheck(Path file, History history, Map<String, Object> lin, Path out) {
    writeAtomically(out, ReportPage.html(ReportData.ofCheck(file, history, lin)));
    return out;
  }

  /** Writes next to the target and renames, so a reader never sees half a page. */
  static void writeAtomically(Path out, String content) {
    Path abs = out.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
      Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
