package io.faultline.harness.runner.interpreter;

import static io.faultline.harness.generator.Generators.clients;
import static io.faultline.harness.generator.Generators.clientsAndNemesis;
import static io.faultline.harness.generator.Generators.delay;
import static io.faultline.harness.generator.Generators.eachThread;
import static io.faultline.harness.generator.Generators.empty;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.mix;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.repeat;
import static io.faultline.harness.generator.Generators.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Nemesis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class InterpreterTest {
  private static final Generator READS = repeat(invoke("read", null));

  /** A client whose answer to each invocation is given by a function; counts opens and closes. */
  static class FakeClient implements Client {
    final Function<Op, Op> behaviour;
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final List<String> openedOn = new CopyOnWriteArrayList<>();

    FakeClient(Function<Op, Op> behaviour) {
      this.behaviour = behaviour;
    }

    @Override
    public Client open(String node) {
      opens.incrementAndGet();
      openedOn.add(String.valueOf(node));
      FakeClient template = this;
      return new Client() {
        @Override
        public Client open(String n) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Op invoke(Op invocation) {
          return template.behaviour.apply(invocation);
        }

        @Override
        public void close() {
          template.closes.incrementAndGet();
        }
      };
    }

    @Override
    public Op invoke(Op invocation) {
      throw new UnsupportedOperationException("templates are never invoked");
    }
  }

  private static Op ok(Op inv) {
    return Op.ok(inv.process(), inv.f(), inv.value());
  }

  private static History run(Interpreter.Builder b, Generator g) throws InterruptedException {
    return b.build().run(g);
  }

  /** Asserts Jepsen's structural invariants: each invocation completed by its process before it invokes again. */
  private static void assertWellFormed(History h) {
    int[] pairs =
        h.pairs(); // throws if a process overlaps its own ops or completes what it never invoked
    long last = 0;
    for (int i = 0; i < h.size(); i++) {
      Op op = h.get(i);
      assertThat(op.index()).isEqualTo(i);
      assertThat(op.time()).isGreaterThanOrEqualTo(last);
      last = op.time();
      if (op.type() == Op.Type.INVOKE) {
        assertThat(pairs[i]).as("invocation %s completes", op).isGreaterThan(i);
        Op done = h.get(pairs[i]);
        assertThat(done.process()).isEqualTo(op.process());
        assertThat(done.f()).isEqualTo(op.f());
      }
    }
  }

  @Test
  void everyInvocationIsFollowedByItsCompletionAndTheSinkSeesEverythingInOrder() throws Exception {
    InMemoryHistorySink sink = new InMemoryHistorySink();
    History h =
        run(
            Interpreter.builder(4).sink(sink),
            clients(limit(500, mix(READS, repeat(invoke("write", 1L))))));
    assertThat(h.size()).isEqualTo(1000);
    assertWellFormed(h);
    assertThat(sink.ops()).isEqualTo(h.ops());
    assertThat(sink.flushes()).isGreaterThanOrEqualTo(1);
    assertThat(h.ops()).extracting(Op::type).containsOnly(Op.Type.INVOKE, Op.Type.OK);
    assertThat(h.ops()).extracting(Op::process).isSubsetOf(0, 1, 2, 3);
  }

  @Test
  void theRunEndsAtOnceWhenTheGeneratorIsEmpty() throws Exception {
    assertThat(run(Interpreter.builder(2), empty()).ops()).isEmpty();
  }

  @Test
  void opsAreIssuedNoEarlierThanTheirDueTime() throws Exception {
    History h = run(Interpreter.builder(2), limit(3, delay(Duration.ofMillis(30), READS)));
    List<Op> invokes = h.ops().stream().filter(op -> op.type() == Op.Type.INVOKE).toList();
    assertThat(invokes).hasSize(3);
    assertThat(invokes.get(1).time()).isGreaterThanOrEqualTo(30_000_000L);
    assertThat(invokes.get(2).time()).isGreaterThanOrEqualTo(60_000_000L);
  }

  @Test
  void aDefiniteFailureIsRecordedAsFailAndTheProcessCarriesOn() throws Exception {
    FakeClient c =
        new FakeClient(inv -> Op.fail(inv.process(), inv.f(), inv.value()).withError("not-leader"));
    History h = run(Interpreter.builder(1).client(c), limit(2, READS));
    assertThat(h.ops())
        .extracting(Op::type, Op::process, Op::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Op.Type.INVOKE, 0, null),
            org.assertj.core.groups.Tuple.tuple(Op.Type.FAIL, 0, "not-leader"),
            org.assertj.core.groups.Tuple.tuple(Op.Type.INVOKE, 0, null),
            org.assertj.core.groups.Tuple.tuple(Op.Type.FAIL, 0, "not-leader"));
  }

  @Test
  void anInfoMovesTheThreadToANewProcessWithAFreshClient() throws Exception {
    FakeClient c =
        new FakeClient(inv -> inv.process() < 2 ? Op.info(inv.process(), inv.f(), null) : ok(inv));
    History h = run(Interpreter.builder(2).client(c), clients(eachThread(limit(3, READS))));
    assertWellFormed(h);
    Set<Integer> processes = new HashSet<>();
    h.ops().forEach(op -> processes.add(op.process()));
    assertThat(processes).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(h.ops().stream().filter(op -> op.type() == Op.Type.INFO))
        .extracting(Op::process)
        .containsExactlyInAnyOrder(0, 1);
    assertThat(c.opens.get()).isEqualTo(4);
    assertThat(c.closes.get()).isEqualTo(4);
  }

  @Test
  void aClientExceptionBecomesInfoWithItsTextAndNeverEndsTheRun() throws Exception {
    FakeClient c =
        new FakeClient(
            inv -> {
              if (inv.process() == 0) {
                throw new IllegalStateException("connection reset");
              }
              return ok(inv);
            });
    History h = run(Interpreter.builder(1).client(c), limit(3, READS));
    assertWellFormed(h);
    assertThat(h.get(1).type()).isEqualTo(Op.Type.INFO);
    assertThat(h.get(1).error()).isEqualTo("java.lang.IllegalStateException: connection reset");
    assertThat(h.ops()).extracting(Op::process).containsExactly(0, 0, 1, 1, 1, 1);
  }

  @Test
  void aClientThatCannotOpenFailsItsOpsDefinitelyAndRetriesOpening() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Client broken =
        new FakeClient(InterpreterTest::ok) {
          @Override
          public Client open(String node) {
            if (attempts.incrementAndGet() <= 2) {
              throw new IllegalArgumentException("no route to " + node);
            }
            return super.open(node);
          }
        };
    History h = run(Interpreter.builder(1).client(broken).nodes(List.of("n1")), limit(2, READS));
    assertThat(h.get(1).type()).isEqualTo(Op.Type.FAIL);
    assertThat(h.get(1).error())
        .isEqualTo("no client: java.lang.IllegalArgumentException: no route to n1");
    assertThat(h.get(3).type()).isEqualTo(Op.Type.OK);
  }

  @Test
  void anOpWithoutAnswerTimesOutAsInfoAndANewWorkerTakesOver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    FakeClient c =
        new FakeClient(
            inv -> {
              if (calls.incrementAndGet() == 1) {
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return ok(inv);
            });
    History h =
        run(Interpreter.builder(1).client(c).opTimeout(Duration.ofMillis(100)), limit(2, READS));
    release.countDown();
    assertWellFormed(h);
    assertThat(h.ops())
        .extracting(Op::type)
        .containsExactly(Op.Type.INVOKE, Op.Type.INFO, Op.Type.INVOKE, Op.Type.OK);
    assertThat(h.get(1).error()).isEqualTo("timeout: no response after 100 ms");
    assertThat(h.get(1).time() - h.get(0).time()).isGreaterThanOrEqualTo(100_000_000L);
    assertThat(h.get(2).process()).isEqualTo(1);
    assertThat(c.opens.get()).isEqualTo(2);
  }

  @Test
  void nemesisOpsRunOnTheNemesisProcessAlongsideClients() throws Exception {
    List<Op> received = new CopyOnWriteArrayList<>();
    Nemesis nemesis =
        new Nemesis() {
          @Override
          public Op invoke(Op op) {
            received.add(op);
            return op.f().equals("kill") ? op : Op.info(op.process(), op.f(), "healed");
          }

          @Override
          public void teardown() {}
        };
    History h =
        run(
            Interpreter.builder(2).nemesis(nemesis),
            clientsAndNemesis(limit(4, READS), seq(once("kill", "n1"), once("heal", null))));
    assertWellFormed(h.clientOps());
    List<Op> nemesisOps = h.ops().stream().filter(Op::isNemesis).toList();
    assertThat(nemesisOps)
        .extracting(Op::type, Op::f, Op::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Op.Type.INVOKE, "kill", "n1"),
            org.assertj.core.groups.Tuple.tuple(Op.Type.INFO, "kill", "n1"),
            org.assertj.core.groups.Tuple.tuple(Op.Type.INVOKE, "heal", null),
            org.assertj.core.groups.Tuple.tuple(Op.Type.INFO, "heal", "healed"));
    assertThat(received).extracting(Op::process).containsOnly(Op.NEMESIS);
    assertThat(h.clientOps().size()).isEqualTo(8);
  }

  @Test
  void theRecordedIntervalContainsTheOperation() throws Exception {
    FakeClient c =
        new FakeClient(
            inv -> {
              long entered = System.nanoTime();
              long deadline = entered + 2_000_000;
              while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              return Op.ok(inv.process(), inv.f(), System.nanoTime() - entered);
            });
    History h = run(Interpreter.builder(2).client(c), limit(20, READS));
    for (Op op : h.ops()) {
      if (op.type() == Op.Type.OK) {
        Op inv = h.invocationOf((int) op.index());
        assertThat(op.time() - inv.time()).isGreaterThanOrEqualTo((Long) op.value());
      }
    }
  }

  @Test
  void clientThreadsOpenOnTheNodesRoundRobinAndOpsNameTheirNode() throws Exception {
    FakeClient c = new FakeClient(InterpreterTest::ok);
    History h =
        run(
            Interpreter.builder(3).client(c).nodes(List.of("n1", "n2")),
            clients(eachThread(limit(10, READS))));
    assertThat(c.openedOn).containsExactlyInAnyOrder("n1", "n2", "n1");
    Map<Integer, Set<String>> nodesByProcess = new HashMap<>();
    h.ops()
        .forEach(
            op ->
                nodesByProcess.computeIfAbsent(op.process(), p -> new HashSet<>()).add(op.node()));
    assertThat(nodesByProcess)
        .containsEntry(0, Set.of("n1"))
        .containsEntry(1, Set.of("n2"))
        .containsEntry(2, Set.of("n1"));
  }

  @Test
  void aFailingGeneratorEndsTheRunAfterFlushingWhatHappened() throws Exception {
    InMemoryHistorySink sink = new InMemoryHistorySink();
    Generator bad =
        seq(
            limit(2, READS),
            ctx -> {
              throw new IllegalStateException("generator bug");
            });
    Interpreter interpreter = Interpreter.builder(1).sink(sink).build();
    assertThatThrownBy(() -> interpreter.run(bad)).hasMessage("generator bug");
    assertThat(sink.ops()).hasSize(4);
    assertThat(sink.flushes()).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> interpreter.run(empty())).hasMessageContaining("runs once");
  }

  @Test
  void theSinkIsFlushedAtLeastOncePerIntervalWhileTheRunIsIdle() throws Exception {
    InMemoryHistorySink sink = new InMemoryHistorySink();
    run(
        Interpreter.builder(1).sink(sink).flushInterval(Duration.ofMillis(20)),
        seq(once("a", null), delay(Duration.ofMillis(200), limit(2, READS))));
    assertThat(sink.flushes()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void latenciesArePerFunctionAndWrittenAsATaggedIntervalLog(@TempDir Path dir) throws Exception {
    Interpreter interpreter = Interpreter.builder(2).build();
    interpreter.run(limit(100, mix(READS, repeat(invoke("write", 1L)))));
    Latencies lat = interpreter.latencies();
    assertThat(lat.fs()).containsExactlyInAnyOrder("read", "write");
    assertThat(lat.total("read").getTotalCount() + lat.total("write").getTotalCount())
        .isEqualTo(100);
    Path log = dir.resolve("latency.hlog");
    lat.writeIntervalLog(log);
    List<String> tags = new ArrayList<>();
    long count = 0;
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    for (EncodableHistogram e = reader.nextIntervalHistogram();
        e != null;
        e = reader.nextIntervalHistogram()) {
      tags.add(e.getTag());
      count += ((org.HdrHistogram.Histogram) e).getTotalCount();
    }
    assertThat(tags).contains("read", "write");
    assertThat(count).isEqualTo(100);
    assertThat(Files.readString(log)).contains("#[StartTime:");
  }

  @Test
  void theInterpreterFollowsTheSameScheduleAsTheSimulator() throws Exception {
    Generator g =
        clients(
            eachThread(seq(once("write", 1L), once("read", null), once("cas", List.of(1L, 2L)))));
    History real = run(Interpreter.builder(3), g);
    History simulated = io.faultline.harness.generator.Simulator.of(3).run(g);
    assertThat(perProcess(real)).isEqualTo(perProcess(simulated));
  }

  private static Map<Integer, List<String>> perProcess(History h) {
    Map<Integer, List<String>> out = new HashMap<>();
    h.ops()
        .forEach(
            op ->
                out.computeIfAbsent(op.process(), p -> new ArrayList<>())
                    .add(op.type().jepsenName() + " " + op.f() + " " + op.value()));
    return out;
  }

  @Test
  void aRateIsHeldInRealTime() throws Exception {
    History h =
        run(
            Interpreter.builder(4),
            io.faultline.harness.generator.Generators.timeLimit(
                Duration.ofMillis(300),
                clients(io.faultline.harness.generator.Generators.rate(1000, READS))));
    long invocations = h.ops().stream().filter(op -> op.type() == Op.Type.INVOKE).count();
    assertThat(invocations).isBetween(150L, 450L);
  }

  @Test
  void interruptingTheRunStopsItAndKeepsWhatWasRecorded() throws Exception {
    InMemoryHistorySink sink = new InMemoryHistorySink();
    CountDownLatch started = new CountDownLatch(1);
    FakeClient c =
        new FakeClient(
            inv -> {
              started.countDown();
              return ok(inv);
            });
    Interpreter interpreter = Interpreter.builder(2).client(c).sink(sink).build();
    AtomicInteger outcome = new AtomicInteger();
    Thread runner =
        new Thread(
            () -> {
              try {
                interpreter.run(delay(Duration.ofMillis(5), READS));
              } catch (InterruptedException e) {
                outcome.set(1);
              }
            });
    runner.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    runner.interrupt();
    runner.join(5_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(outcome.get()).isEqualTo(1);
    assertThat(sink.ops()).isNotEmpty();
    assertThat(c.closes.get()).isEqualTo(c.opens.get());
  }
}
