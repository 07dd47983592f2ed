/**
 * Generators: what a test does, and when, as immutable values, after Jepsen's {@code jepsen.generator}.
 *
 * <p>A {@link io.faultline.harness.generator.Generator} answers one question, "given this
 * {@link io.faultline.harness.generator.Context}, what next?", with an op and the generator that follows it, pending,
 * or exhausted ({@link io.faultline.harness.generator.Yield}). It is told about every invocation and completion
 * through {@code update}. Because a generator is a value and never sleeps, reads a clock or holds mutable state, the
 * same generator can be asked again after waiting, composed freely, and run against fake time.
 *
 * <p>The context carries the time (nanoseconds since the start of the test), which threads are free, which process
 * each thread runs (a client thread moves to process {@code p + concurrency} after an indeterminate completion; the
 * nemesis thread always runs {@code Op.NEMESIS}), and a random stream derived from the test seed and the number of
 * events so far. One seed therefore fixes every choice the generators make.
 *
 * <p>{@link io.faultline.harness.generator.Generators} holds the combinators: {@code once}/{@code repeat}/{@code fn}
 * for ops, {@code seq}, {@code cycle}, {@code limit}, {@code phases}; {@code mix}, {@code any}, {@code flipFlop};
 * {@code stagger}/{@code rate}, {@code delay}, {@code timeLimit}, {@code sleep}; {@code clients}, {@code nemesis},
 * {@code reserve}, {@code eachThread}; {@code map}, {@code filter}, {@code untilOk}.
 *
 * <p>The {@link io.faultline.harness.generator.Dispatcher} is the one place that runs a generator: it asks for ops,
 * waits for their due time, tracks busy threads and processes and feeds events back. The interpreter drives it with
 * real threads and the {@link io.faultline.harness.generator.Simulator} with fake time, which is how the tests of
 * this package assert exact schedules.
 *
 * <p>Differences from Jepsen worth knowing:
 *
 * <ul>
 *   <li>a pending answer may name the time at which to ask again, so neither driver polls;
 *   <li>an op for "any process" goes to a client thread, never to the nemesis unless it is the only thread a
 *       generator can see (under {@code Generators.nemesis});
 *   <li>rate-limited schedules are open-loop: a late op keeps its intended time (see {@code Generators.stagger});
 *   <li>{@code sleep} holds no thread: it is a pending wait in the generator, started when a thread is free;
 *   <li>{@code timeLimit} ends at its cutoff even while its generator is pending.
 * </ul>
 */
package io.faultline.harness.generator;
