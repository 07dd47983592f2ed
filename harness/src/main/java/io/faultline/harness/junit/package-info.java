/**
 * The entry point for JUnit 5 suites: build a {@link io.faultline.harness.spi.TestSpec}, run it with
 * {@link io.faultline.harness.junit.Faultline#run}, and assert on the outcome, e.g.
 * {@code assertThat(Faultline.run(spec).verdict()).isEqualTo(Verdict.VALID)}. Each run is stored under
 * {@code results/runs/} like a CLI run, and its folder is printed in the test output.
 */
package io.faultline.harness.junit;
