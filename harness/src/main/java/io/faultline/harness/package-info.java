/**
 * Faultline's engine. It knows only interfaces and depends on no other module: the system under test is a black box
 * reached over the network, and workloads and nemeses plug in from their own modules through
 * {@link io.faultline.harness.runner.Plugins}.
 *
 * <ul>
 *   <li>{@code history}: the op and history model, its codecs (JSON Lines, EDN, Jepsen's text logs), and a simulator
 *       of histories for tests and benchmarks;
 *   <li>{@code checker}: verdicts over histories, chief among them linearizability;
 *   <li>{@code generator}: schedules of operations as immutable values, Jepsen-style;
 *   <li>{@code runner}: the test spec, the interpreter that runs generators with real threads, and the runner that
 *       turns a spec into a stored, checked run;
 *   <li>{@code db} and {@code cluster}: the system under test's interfaces, and node processes on this machine;
 *   <li>{@code store}: the results folder;
 *   <li>{@code junit}: the entry point for JUnit suites;
 *   <li>{@code cli}: the {@code ./faultline} command line.
 * </ul>
 */
package io.faultline.harness;
