/**
 * Faultline's engine. It knows only interfaces and depends on no other module: the system under test is a black box
 * reached over the network, and workloads and nemeses plug in from their own modules through
 * {@link io.faultline.harness.spi.Plugins}.
 *
 * <ul>
 *   <li>{@code history}: the op and history model, its codecs (JSON Lines, EDN, Jepsen's text logs), and a simulator
 *       of histories for tests and benchmarks;
 *   <li>{@code checker}: verdicts over histories, chief among them linearizability;
 *   <li>{@code generator}: schedules of operations as immutable values, Jepsen-style;
 *   <li>{@code spi}: what a plugin implements or reads: client, nemesis, workload, system under test, fault
 *       families, the test spec, and ({@code spi.db}) the cluster and its optional capabilities;
 *   <li>{@code runner}: the interpreter that runs generators with real threads, and the runner that turns a spec
 *       into a stored, checked run;
 *   <li>{@code cluster}: node processes on this machine, and ({@code cluster.docker}) containers;
 *   <li>{@code store}: the results folder;
 *   <li>{@code report}: the HTML report of a run, and the index of runs;
 *   <li>{@code bench}: JMH results, baselines and their comparison;
 *   <li>{@code junit}: the entry point for JUnit suites;
 *   <li>{@code cli}: the {@code ./faultline} command line.
 * </ul>
 *
 * <p>No two packages depend on each other, and {@code spi} sits beneath the runner, store and report
 * ({@code ArchitectureTest} checks both).
 */
package io.faultline.harness;
