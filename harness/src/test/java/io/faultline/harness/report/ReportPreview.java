package io.faultline.harness.report;

import java.nio.file.Path;

/** Writes sample reports for a person to look at: {@code ReportPreview DIR OPERATIONS KEYS [INFO_RATE]}. Not a test. */
final class ReportPreview {
  private ReportPreview() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int operations = Integer.parseInt(args[1]);
    int keys = Integer.parseInt(args[2]);
    double infoRate = args.length > 3 ? Double.parseDouble(args[3]) : 0.05;
    long start = System.nanoTime();
    var run =
        ReportFixtures.storeRun(
            dir,
            ReportFixtures.withFaults(
                ReportFixtures.withBadReadAt(
                    ReportFixtures.kvHistory(operations, keys, false, 7, infoRate), 0.6)));
    long stored = System.nanoTime();
    Path out = ReportWriter.write(run);
    System.out.printf(
        "%s stored in %d ms, report in %d ms%n",
        out, (stored - start) / 1_000_000, (System.nanoTime() - stored) / 1_000_000);
  }
}
