/**
 * Synthetic histories from a simulated linearizable object, for checker tests and benchmarks: concurrent processes,
 * indeterminate completions, definite failures, and a seed that makes each history reproducible. The simulation picks
 * a linearization point inside every operation's interval, so every history it records is linearizable unless asked
 * to corrupt one read.
 */
package io.faultline.harness.history.sim;
