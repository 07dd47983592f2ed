package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Opens the report of an invalid run in headless Chromium and reads the DOM the script built: no script error, the
 * operation that cannot be linearized marked on its timeline, and the three charts drawn. Saves a screenshot as
 * {@code report.png} in the run folder ({@code harness/target/report-browser-test/run/}) for a person to look at.
 * Skipped where Chromium is not installed.
 */
class ReportBrowserTest {
  private static final Path RUN = Path.of("target", "report-browser-test", "run");

  static Optional<Path> chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Runs headless Chromium on {@code page} with {@code args}; returns what it printed on stdout. */
  static String chromium(Path page, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("faultline-chromium");
    try {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  chromium().orElseThrow().toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile));
      cmd.addAll(List.of(args));
      cmd.add(page.toAbsolutePath().toUri().toString());
      Path out = profile.resolveSibling(profile.getFileName() + ".out");
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("chromium did not finish within 120 s: " + cmd);
      }
      String s = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return s;
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void theReportOfAnInvalidRunDrawsWithoutErrorsMarksTheFailingOpAndHasItsThreeCharts()
      throws Exception {
    assumeTrue(chromium().isPresent(), "chromium not installed: apt-get install chromium");
    if (Files.exists(RUN)) {
      try (Stream<Path> files = Files.walk(RUN)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    RunFixture run = RunFixture.invalid(RUN);
    Path report = ReportWriter.write(run.dir());

    String dom = chromium(report, "--dump-dom");
    assertThat(dom).contains("data-ok=\"true\"");
    Matcher errors = Pattern.compile("<div id=\"errors\"[^>]*>([^<]*)</div>").matcher(dom);
    assertThat(errors.find()).as("the #errors element").isTrue();
    assertThat(errors.group(1)).as("script errors").isEmpty();
    // the failing op: a bar of its key's timeline, with the class "failing", and the first-error
    // target
    assertThat(dom)
        .containsPattern("<rect [^>]*class=\"op [^\"]*failing[^\"]*\"[^>]*id=\"failing-op-");
    assertThat(dom).contains("id=\"first-error\"").contains("id=\"jump-first-error\"");
    // the checks table: the failing check first-class, with its verdict
    assertThat(dom)
        .contains("id=\"checks\"")
        .containsPattern(
            "<tr class=\"verdict-invalid\"><th>linearizability</th><td [^>]*>INVALID</td>");
    for (String chart : List.of("chart-latency-raw", "chart-latency-quantiles", "chart-rate")) {
      assertThat(dom).containsPattern("<canvas id=\"" + chart + "\"[^>]*data-drawn=\"true\"");
    }

    Path png = run.dir().path().resolve("report.png");
    chromium(
        report,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=1400,2000",
        "--hide-scrollbars");
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
