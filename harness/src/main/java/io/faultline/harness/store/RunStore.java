package io.faultline.harness.store;

import io.faultline.harness.spi.TestSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Creates run folders under {@code <results>/runs/} and keeps {@code runs/latest} pointing at the newest. */
public final class RunStore {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS");

  private final Path results;

  /** @param results the results folder, e.g. {@code results/} of the checkout */
  public RunStore(Path results) {
    this.results = results;
  }

  public Path runs() {
    return results.resolve("runs");
  }

  /** A new, empty run folder for {@code spec}, with {@code test.json} written and {@code latest} pointing at it. */
  public RunDir create(TestSpec spec) {
    try {
      Path testDir = runs().resolve(spec.name());
      Files.createDirectories(testDir);
      Path dir;
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      do {
        dir = testDir.resolve(STAMP.format(now));
        now = now.plusNanos(1_000_000);
      } while (!tryCreate(dir));
      RunDir run = new RunDir(dir);
      Json.write(run.testJson(), spec);
      pointLatestAt(dir);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a run folder under " + runs() + ": " + e.getMessage(), e);
    }
  }

  private static boolean tryCreate(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  private void pointLatestAt(Path dir) throws IOException {
    Path latest = runs().resolve("latest");
    Path tmp = runs().resolve(".latest-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, runs().relativize(dir));
    Files.move(
        tmp,
        latest,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
