/**
 * Running a test: the interfaces through which the harness drives the system under test and its faults.
 *
 * <p>{@link io.faultline.harness.runner.Client} and {@link io.faultline.harness.runner.Nemesis} are Jepsen's client
 * and nemesis protocols, each with a no-op. Workloads and nemesis packages implement them in their own modules;
 * optional capabilities are separate interfaces, detected with {@code instanceof}. The {@code interpreter}
 * subpackage runs a generator against them with real threads and records the history.
 */
package io.faultline.harness.runner;
