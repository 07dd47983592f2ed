/**
 * Reading JMH's JSON results and comparing two runs of the same benchmarks, for {@code ./faultline bench} and
 * {@code ./faultline compare}.
 *
 * <p>{@link io.faultline.harness.bench.JmhJson} reads the file JMH writes with {@code -rf json} into
 * {@link io.faultline.harness.bench.JmhResult}s, one per benchmark method and parameter set; only the primary metric
 * is kept (the score, its 99.9% error and unit, and the percentiles of {@code SampleTime}).
 *
 * <p>{@link io.faultline.harness.bench.Comparison} pairs a baseline with a current run. A row is {@code slower} only
 * when two things hold at once: the error intervals ({@code score ± error}) do not overlap, so the difference is not
 * noise that JMH itself admits to, <em>and</em> the change is past a threshold, so a real but tiny difference (a
 * tighter interval on a quiet machine) does not fail a build. Which way is worse comes from JMH's mode: for
 * throughput a lower score is worse, for every time mode a higher one. Scores in different units of the same kind
 * ({@code us/op} against {@code ms/op}) are converted before they are compared.
 *
 * <p>{@link io.faultline.harness.bench.BenchTables} renders both a single run and a comparison, as text for the
 * terminal and as a self-contained HTML file.
 */
package io.faultline.harness.bench;
