package io.faultline.harness.report;

import io.faultline.harness.store.RunDir;
import java.io.IOException;
import java.nio.file.Path;

/** A stored run of an invalid three-key history with every fault family, for report tests. */
record RunFixture(RunDir dir) {
  static RunFixture invalid(Path dir) throws IOException {
    return new RunFixture(
        ReportFixtures.storeRun(
            dir,
            ReportFixtures.withFaults(
                ReportFixtures.withBadReadAt(ReportFixtures.kvHistory(300, 3, false, 7), 0.6))));
  }
}
