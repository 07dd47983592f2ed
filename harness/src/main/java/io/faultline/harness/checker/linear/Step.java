package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.model.Operation;

/**
 * One step of a partial linearization: an operation and the model state after it, or, for the last step of a failed
 * path, the operation that could not be applied and why.
 *
 * @param op the operation
 * @param model the model state after {@code op}, described; {@code null} when {@code op} could not be applied
 * @param error why {@code op} could not be applied here; {@code null} when it was
 */
public record Step(Operation op, String model, String error) {}
