/**
 * Fault injection: the nemeses that break a cluster the way real networks, machines and clocks do, and the schedules
 * that compose them. Every nemesis heals what it broke at the end of a run, also when the run throws.
 *
 * <p>The unit is the {@link io.faultline.nemesis.NemesisPackage}, after Jepsen's combined nemesis: one fault family's
 * nemesis, its endless fault ops, the ops that heal it, and its plot colour. The families a test names
 * ({@code --nemesis kill,pause,clock}) are looked up in {@link io.faultline.nemesis.NemesisPackages} and composed into
 * one {@link io.faultline.harness.runner.NemesisPlan}: a {@link io.faultline.nemesis.ComposedNemesis} that dispatches
 * each op by its {@code f}, a random mix of every family's faults at the test's nemesis interval, drawn from the run's
 * seed, and every family's healing ops in turn. {@link io.faultline.nemesis.NemesisPlugins} hands the plan to the
 * runner. Which nodes a fault hits is {@link io.faultline.nemesis.Targets}' business. For bugs that a random mix
 * reaches too rarely, the nemesis option {@code schedule} names a targeted schedule of
 * {@link io.faultline.nemesis.Schedules} that replaces the mix.
 *
 * <p>The families live in sub-packages: {@code process} (kill and pause), {@code clock} (libfaketime), and the
 * network ({@code net}: partitions and packet faults; {@code toxiproxy}: the Toxiproxy-compatible server); and
 * {@code detect}, the matrix of which faults expose which deliberate bug of the store. Every fault
 * op goes into the history on process {@code nemesis}, its completion saying what was done: {@code kill} with
 * {@code ["n2","n3"]}, {@code bump-clock} with {@code {"n1": 60000}}.
 */
package io.faultline.nemesis;
