/**
 * Running a test: {@link io.faultline.harness.runner.Runner} sets up the cluster of a
 * {@link io.faultline.harness.spi.TestSpec}, runs its workload and faults through the {@code interpreter}
 * subpackage, heals, checks the history and stores the run. What a plugin implements or reads lives in
 * {@link io.faultline.harness.spi}; this package only drives it, so plugins never depend on the code that runs them.
 */
package io.faultline.harness.runner;
