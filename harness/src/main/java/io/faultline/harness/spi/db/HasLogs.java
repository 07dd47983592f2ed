package io.faultline.harness.spi.db;

import java.nio.file.Path;
import java.util.Map;

/** Nodes with log files that belong in the run folder. */
public interface HasLogs {

  /** Each node's log files, by node. */
  Map<String, java.util.List<Path>> logFiles();
}
