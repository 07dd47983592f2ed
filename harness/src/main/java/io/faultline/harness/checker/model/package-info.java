/**
 * Sequential specifications for the linearizability checker: a {@link io.faultline.harness.checker.model.Model} says
 * from which states an {@link io.faultline.harness.checker.model.Operation} may happen and what state follows.
 *
 * <p>Operations arrive with Knossos' meaning: an operation that completed {@code ok} carries its completion's value
 * (so a read carries what it read); one that is indeterminate carries its invocation's value (so a read carries
 * {@code nil}, and a read of {@code nil} is always legal). Models compare values with {@link Object#equals}; the
 * history codecs read every integer as a {@link java.lang.Long}, so {@code 3} in EDN equals {@code 3} in JSON.
 *
 * <p>States are immutable values whose {@code equals} and {@code hashCode} the checker's cache calls at every step,
 * so models keep both cheap: {@link io.faultline.harness.checker.model.KeyValues} keeps its hash up to date, and a
 * value grown by appends is a {@link io.faultline.harness.checker.model.Text}, which shares its prefix.
 *
 * <p>Models: {@code register}, {@code cas-register}, {@code multi-register}, {@code mutex} and {@code kv}, found by
 * name through {@link io.faultline.harness.checker.model.Models}.
 */
package io.faultline.harness.checker.model;
