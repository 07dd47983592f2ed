package io.faultline.harness.store;

import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;

/**
 * The folder of one run, and the names of what it holds.
 *
 * @param path the folder
 */
public record RunDir(Path path) {

  public Path testJson() {
    return path.resolve("test.json");
  }

  public Path history() {
    return path.resolve("history.jsonl");
  }

  public Path results() {
    return path.resolve("results.json");
  }

  public Path report() {
    return path.resolve("report.html");
  }

  public Path latency() {
    return path.resolve("latency.hlog");
  }

  /** Where the node processes keep their data and logs: {@code nodes/<node>/}. */
  public Path nodes() {
    return path.resolve("nodes");
  }

  /** The spec this run was started with. */
  public TestSpec spec() {
    return Json.read(testJson(), TestSpec.class);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
