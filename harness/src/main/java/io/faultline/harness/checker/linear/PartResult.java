package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Verdict;

/**
 * The verdict on one independent part of a history (one key), or on the whole history when the model does not
 * partition it.
 *
 * @param key the part's key, or {@code null} for an unpartitioned history
 * @param verdict the verdict
 * @param operations how many operations the part holds (invocations, after dropping failed ones)
 * @param timeNanos how long its search took
 * @param configurations how many distinct configurations the search explored
 * @param failure why it is invalid; {@code null} unless {@link Verdict#INVALID}
 * @param cause why it is unknown; {@code null} unless {@link Verdict#UNKNOWN}
 */
public record PartResult(
    Object key,
    Verdict verdict,
    int operations,
    long timeNanos,
    long configurations,
    Failure failure,
    String cause) {}
