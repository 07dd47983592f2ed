/**
 * Checkers turn a history into a verdict. A {@link io.faultline.harness.checker.Checker} returns a
 * {@link io.faultline.harness.checker.Result} whose {@link io.faultline.harness.checker.Verdict} is valid, invalid or
 * unknown; verdicts merge as in Jepsen, invalid over unknown over valid, and a checker that throws yields unknown with
 * the error rather than ending the run.
 *
 * <p>Linearizability lives in {@code linear}, the sequential specifications it checks against in {@code model}.
 */
package io.faultline.harness.checker;
