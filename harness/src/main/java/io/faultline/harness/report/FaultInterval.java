package io.faultline.harness.report;

import io.faultline.harness.spi.FaultFamily;

/**
 * A stretch of the test during which a fault of one family was (or may have been) in effect.
 *
 * @param family the family
 * @param f the nemesis function that opened it, e.g. {@code start-partition}
 * @param value what that op said, as a person reads it (e.g. the grudge or the nodes)
 * @param healF the nemesis function that closed it, or {@code null} when it was still open at the end of the history
 * @param start when the opening op was invoked, in nanoseconds since the test started
 * @param end when the healing op completed, or the time of the last op of the history when it never healed
 */
public record FaultInterval(
    FaultFamily family, String f, String value, String healF, long start, long end) {

  /** True when no heal op closed the interval. */
  public boolean open() {
    return healF == null;
  }
}
