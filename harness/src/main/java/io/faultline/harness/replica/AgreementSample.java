package io.faultline.harness.replica;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every node's digest at one index that all of them had applied.
 *
 * @param index the common applied index
 * @param digests each node's digest there
 * @param moment when it was taken: {@code during} the run or {@code final}, after recovery
 * @param atMillis milliseconds since the checks started
 */
public record AgreementSample(
    long index, Map<String, String> digests, String moment, long atMillis) {

  public AgreementSample {
    digests = Map.copyOf(digests);
  }

  /** The nodes grouped by digest, digests in order; one group when the nodes agree. */
  public Map<String, java.util.List<String>> groups() {
    Map<String, java.util.List<String>> g = new TreeMap<>();
    new TreeMap<>(digests)
        .forEach((n, d) -> g.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(n));
    return g;
  }

  public boolean agrees() {
    return digests.values().stream().distinct().count() <= 1;
  }
}
