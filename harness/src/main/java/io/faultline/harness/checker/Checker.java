package io.faultline.harness.checker;

import io.faultline.harness.history.History;

/**
 * Judges a history. Implementations must not throw for a history they merely cannot decide: they return
 * {@link Verdict#UNKNOWN} with the cause. A {@link io.faultline.harness.history.MalformedHistoryException} is the one
 * exception they may let through, because it describes bad input rather than a verdict.
 */
public interface Checker {

  Result check(History history);
}
