package io.faultline.harness.checker.model;

import io.faultline.harness.history.Op;

/**
 * One operation of a history as the linearizability checker sees it: an invocation joined with its completion.
 *
 * @param id dense number of this operation within its (partitioned) history, from 0
 * @param f the function
 * @param value Knossos' value of the operation: the completion's value when it completed {@code ok}, the invocation's
 *     otherwise
 * @param outcome whether it completed, is pending, or failed in a way that the model observes
 * @param invoke the invocation
 * @param completion the completion, or {@code null} when it never completed
 */
public record Operation(int id, String f, Object value, Outcome outcome, Op invoke, Op completion) {

  /** How an operation ended. */
  public enum Outcome {
    /** Completed {@code ok}: it took effect between its invocation and its completion. */
    OK,
    /**
     * Indeterminate ({@code info}) or never completed: it may take effect at any point after its invocation, or never.
     */
    PENDING,
    /**
     * Failed, and kept because the model observes the failure (the {@code --checked-fails} option): for a
     * compare-and-set, it observed a value other than the expected one.
     */
    FAILED
  }

  /** The same operation with another id and value: how partitioners carve out one key's part. */
  public Operation withIdAndValue(int newId, Object newValue) {
    return new Operation(newId, f, newValue, outcome, invoke, completion);
  }

  /** The operation's process. */
  public int process() {
    return invoke.process();
  }

  @Override
  public String toString() {
    return f
        + " "
        + io.faultline.harness.checker.model.Values.show(value)
        + (outcome == Outcome.OK
            ? ""
            : " (" + outcome.name().toLowerCase(java.util.Locale.ROOT) + ")")
        + " by process "
        + invoke.process();
  }
}
