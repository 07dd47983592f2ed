package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.model.Operation;
import java.util.List;

/**
 * Why a history is not linearizable, in Knossos' terms.
 *
 * @param op the operation that cannot be linearized: every order of what was linearized before it leaves no legal
 *     point for it before its completion
 * @param previousOk the last completed ({@code ok}) operation linearized before {@code op} on the longest path;
 *     {@code null} if none
 * @param paths a bounded sample of the longest partial linearizations, each ending with {@code op} and the reason it
 *     cannot be applied; long paths keep only their last steps
 * @param longestLinearized how many operations the longest partial linearizations hold
 */
public record Failure(
    Operation op, Operation previousOk, List<List<Step>> paths, int longestLinearized) {}
