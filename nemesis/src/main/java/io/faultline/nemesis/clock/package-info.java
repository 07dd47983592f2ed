/**
 * Clock faults: nodes whose clocks jump, flicker or run at the wrong speed.
 *
 * <p>Faults are injected from outside the node processes with libfaketime: every node runs with {@code LD_PRELOAD}
 * of libfaketime, its own {@code FAKETIME_TIMESTAMP_FILE} and {@code FAKETIME_NO_CACHE=1}, so rewriting the file
 * ({@link io.faultline.nemesis.clock.FakeTime}) moves that node's clocks at once. Both the wall clock and
 * {@code System.nanoTime()} move, so election timers, leases and timed waits all see the fault; the node's process
 * needs no cooperation, and the harness's own clock stays true. ({@code FAKETIME_DONT_FAKE_MONOTONIC} must never be
 * set: on JDK 17 it breaks timed waits.)
 *
 * <p>{@link io.faultline.nemesis.clock.ClockNemesis} performs bumps, strobes, rate skews and resets;
 * {@link io.faultline.nemesis.clock.ClockPackage} schedules them. Where libfaketime is not installed, choosing clock
 * faults fails with one line, {@value io.faultline.nemesis.clock.ClockNemesis#NEEDS_LIBFAKETIME}: a clock nemesis
 * that silently did nothing would make a run look like it survived faults it never saw.
 */
package io.faultline.nemesis.clock;
