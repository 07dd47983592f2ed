/**
 * The interpreter: runs a generator against clients and a nemesis with real threads, and records the history.
 *
 * <p>The design follows Jepsen's {@code jepsen.generator.interpreter}. A single coordinating thread owns the
 * generator and the history, so neither needs locks; the workers only perform ops, one thread per logical thread of
 * the test plus one for the nemesis. Hand-offs are a one-slot mailbox per worker (park/unpark) and one completion
 * queue, so the harness adds microseconds per op, not milliseconds (see {@code InterpreterBenchmark}).
 *
 * <p>What goes wrong is recorded, not thrown: client exceptions and timeouts become {@code info} ops and the thread
 * moves to a new process, as in Jepsen, so a misbehaving system under test can never end a run early. A bug in a
 * generator, on the other hand, ends the run with its exception, after the workers are stopped and the partial
 * history is flushed to the {@link io.faultline.harness.runner.interpreter.HistorySink}.
 *
 * <p>{@link io.faultline.harness.runner.interpreter.Latencies} keeps one HdrHistogram recorder per {@code f} and
 * writes the {@code latency.hlog} interval log.
 */
package io.faultline.harness.runner.interpreter;
