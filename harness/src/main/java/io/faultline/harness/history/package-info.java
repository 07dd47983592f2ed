/**
 * What a test observed: {@link io.faultline.harness.history.Op}s in an append-only
 * {@link io.faultline.harness.history.History}, with Jepsen's meaning of each op type.
 *
 * <p>An {@code INVOKE} opens an operation of a process; {@code OK} says it happened, {@code FAIL} says it certainly did
 * not, and {@code INFO} says it may or may not have (the process is then considered crashed and never completes
 * anything else, so its worker carries on under a new process id). Values are plain Java data as a JSON or EDN reader
 * gives them: {@code null}, {@link java.lang.Long}, {@link java.lang.Double}, {@link java.lang.String},
 * {@link java.lang.Boolean}, {@link io.faultline.harness.history.Keyword}, {@link java.util.List} and
 * {@link java.util.Map}.
 */
package io.faultline.harness.history;
