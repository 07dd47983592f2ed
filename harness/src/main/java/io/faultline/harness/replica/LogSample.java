package io.faultline.harness.replica;

import io.faultline.harness.spi.db.LogPositions.Terms;
import java.util.Map;

/**
 * The log terms that the answering nodes showed at one moment, and how many acknowledged writes were known then: the
 * sample speaks only of those ({@code acks[0..acksKnown)}), since a write acknowledged later may not have reached any
 * log yet.
 *
 * @param acksKnown how many acknowledged writes (a prefix of the cluster's list, in order) were known when the
 *     terms were read
 * @param logs each answering node's terms over those writes' indexes
 */
public record LogSample(int acksKnown, Map<String, Terms> logs) {
  public LogSample {
    logs = Map.copyOf(logs);
  }
}
