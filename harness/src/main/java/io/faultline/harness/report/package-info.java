/**
 * HTML reports that people read to see <em>why</em> a history is or is not linearizable and how the cluster behaved
 * under each fault.
 *
 * <p>A run's {@code report.html} is one self-contained file, as Porcupine's visualisation is: its style and a small
 * script are inlined from this package's resources and its data is embedded as JSON, so it opens from disk with no
 * network. The work is split where it can be tested: {@link io.faultline.harness.report.ReportData} turns the stored
 * files into one JSON-ready map (fault intervals from the nemesis ops, per-key timelines in event order with the
 * checker's evidence, performance series), plain Java that unit tests pin down; {@code report.js} only draws that map,
 * and a browser test checks that it draws without errors. Everything is rebuilt from the stored files
 * ({@code ./faultline report RUN_DIR}), so a report can be regenerated after the page improves.
 *
 * <p>Scale is handled on the Java side, where a person cannot see the difference anyway: the latency scatter is
 * sampled, quantiles and rates are aggregated in time buckets, and timelines embed a bounded window of operations
 * around the first error; the page says what it left out. The timelines draw only their visible window, so a long key
 * scrolls smoothly.
 *
 * <p>{@link io.faultline.harness.report.RunIndex} keeps {@code results/index.html}, the list of runs, newest first.
 */
package io.faultline.harness.report;
