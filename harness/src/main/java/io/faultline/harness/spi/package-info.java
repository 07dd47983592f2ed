/**
 * What a plugin implements or reads: the contracts between the harness and the modules that provide systems under
 * test, workloads and faults. {@link io.faultline.harness.spi.Client} and {@link io.faultline.harness.spi.Nemesis}
 * are Jepsen's client and nemesis protocols, each with a no-op; a {@link io.faultline.harness.spi.Workload}
 * pairs a generator with a checker; a {@link io.faultline.harness.spi.Sut} makes a cluster and its clients; a
 * {@link io.faultline.harness.spi.NemesisPlan} is the faults of one test, with the
 * {@link io.faultline.harness.spi.FaultFamily fault families} it may record; {@link io.faultline.harness.spi.Plugins}
 * is how the harness finds them all; and {@link io.faultline.harness.spi.TestSpec} is the whole configuration of a
 * test, which every one of them reads. The {@code db} subpackage holds the cluster and its optional capabilities.
 *
 * <p>This package depends only on the harness's value packages ({@code history}, {@code generator}, {@code checker});
 * the runner, interpreter, store and report depend on it, never the other way round, as the architecture test
 * checks.
 */
package io.faultline.harness.spi;
