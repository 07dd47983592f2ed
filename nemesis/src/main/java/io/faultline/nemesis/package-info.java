/**
 * Fault injection: the nemeses that break a cluster the way real networks, machines and clocks do, and the schedules
 * that compose them. Every nemesis heals what it broke at the end of a run, also when the run throws.
 *
 * <p>The unit is the {@link io.faultline.nemesis.family.NemesisPackage}, after Jepsen's combined nemesis: one fault
 * family's declaration (name, the ops that start and heal it, its colour), its nemesis, its endless fault ops and the
 * ops that heal it. Each family is a {@link io.faultline.nemesis.family.FamilyFactory} in a package of its own, found
 * through {@link java.util.ServiceLoader}. The families a test names ({@code --nemesis kill,pause,clock}, or
 * {@code all}) are composed by {@link io.faultline.nemesis.NemesisPackages} into one
 * {@link io.faultline.harness.spi.NemesisPlan}: a {@link io.faultline.nemesis.family.ComposedNemesis} that dispatches
 * each op by its {@code f}, a random mix of every family's faults at the test's nemesis interval, drawn from the run's
 * seed, and every family's healing ops in turn. {@link io.faultline.nemesis.NemesisPlugins} hands the plan to the
 * runner. Which nodes a fault hits is {@link io.faultline.nemesis.family.Targets}' business. For bugs that a random mix
 * reaches too rarely, the nemesis option {@code schedule} names a targeted schedule of
 * {@link io.faultline.nemesis.schedule.Schedules} that replaces the mix.
 *
 * <p>The families live in sub-packages: {@code process} (kill and pause), {@code clock} (libfaketime), and the
 * network ({@code net}: partitions and packet faults; {@code toxiproxy}: the Toxiproxy-compatible server). They
 * depend on {@code family}, never on this package or on each other's composition ({@code ArchitectureTest}). Every
 * fault op goes into the history on process {@code nemesis}, its completion saying what was done: {@code kill} with
 * {@code ["n2","n3"]}, {@code bump-clock} with {@code {"n1": 60000}}.
 */
package io.faultline.nemesis;
