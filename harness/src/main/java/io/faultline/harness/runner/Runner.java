package io.faultline.harness.runner;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.replica.ReplicaChecks;
import io.faultline.harness.report.ReportWriter;
import io.faultline.harness.report.RunIndex;
import io.faultline.harness.runner.interpreter.Interpreter;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.Sut;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.store.Json;
import io.faultline.harness.store.RunDir;
import io.faultline.harness.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link TestSpec} into a stored, checked run:
 *
 * <ol>
 *   <li>set up the cluster, the client and the nemesis;
 *   <li>run the workload's generator with the nemesis' for the time limit;
 *   <li>the final phase: heal every fault, wait until the cluster serves again, run the workload's final reads;
 *   <li>tear down (faults are healed and nodes stopped also when anything above throws);
 *   <li>check the history;
 *   <li>store {@code results.json} and {@code latency.hlog} next to {@code test.json} and {@code history.jsonl}, which
 *       were written as the run went;
 *   <li>write {@code report.html} and update {@code results/index.html}.
 * </ol>
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /** The f of the op that makes the nemesis worker wait for the cluster to recover. */
  static final String AWAIT_RECOVERY = "await-recovery";

  private Runner() {}

  /**
   * Runs {@code spec} with the binaries of the checkout at {@code root}, storing under {@code root/results}.
   *
   * @throws IllegalArgumentException with a one-line message for a spec that cannot run (unknown workload, system
   *     or fault family here)
   * @throws io.faultline.harness.spi.db.DbException when the cluster does not start
   */
  public static RunOutcome run(TestSpec spec, Path root) {
    String problem = spec.problem();
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Workload workload =
        Plugins.workload(spec.workload())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown workload '"
                            + spec.workload()
                            + "'; workloads: "
                            + names(
                                Plugins.all().stream()
                                    .flatMap(p -> p.workloads().stream())
                                    .map(Workload::name)
                                    .toList())));
    Sut sut =
        Plugins.sut(spec.sut())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown system under test '"
                            + spec.sut()
                            + "'; systems: "
                            + names(
                                Plugins.all().stream()
                                    .flatMap(p -> p.suts().stream())
                                    .map(Sut::name)
                                    .toList())));
    if (!sut.workloads().contains(workload.clientKind())) {
      throw new IllegalArgumentException(
          sut.name()
              + " has no client for workload "
              + workload.name()
              + "; it supports "
              + names(List.copyOf(sut.workloads())));
    }
    if (!sut.clusters().contains(spec.cluster())) {
      throw new IllegalArgumentException(
          sut.name()
              + " cannot run on the "
              + spec.cluster()
              + " cluster backend; it"
              + " runs on "
              + names(List.copyOf(sut.clusters())));
    }
    workload.checkOptions(spec);
    sut.check(spec);
    RunDir run = new RunStore(root.resolve("results")).create(spec);
    LOG.info("run folder {}", run);
    Db db = sut.db(spec, run.path(), root);
    NemesisPlan plan;
    Client client;
    try {
      plan = nemesisPlan(spec, db); // may start things beside the cluster (a Toxiproxy container)
      client = sut.client(workload.clientKind(), db, spec);
    } catch (RuntimeException e) {
      db.teardown();
      throw e;
    }
    History history;
    Interpreter interpreter;
    ReplicaChecks below = new ReplicaChecks(spec, db);
    RecordingSink sink = new RecordingSink(run.history());
    try (Progress progress = new Progress(sink, System.err, System.console() != null)) {
      interpreter =
          Interpreter.builder(spec.concurrency())
              .client(client)
              .nemesis(new RecoveringNemesis(plan.nemesis(), db))
              .nodes(db.nodes())
              .seed(spec.seed())
              .opTimeout(spec.opTimeout())
              .sink(sink)
              .build();
      history = execute(spec, workload, plan, db, client, interpreter, sink, below);
    } finally {
      sink.close();
    }
    writeLatencies(interpreter, run);
    Result linearizability = check(workload, spec, history);
    Map<String, Result> parts = new LinkedHashMap<>();
    parts.put("linearizability", linearizability);
    parts.putAll(below.results(history));
    Result result = Result.composed(parts);
    Json.write(run.results(), resultsJson(result, sink, plan.families()));
    writeReport(run, root.resolve("results"));
    return new RunOutcome(
        run,
        spec,
        result,
        sink.count(Op.Type.OK),
        sink.count(Op.Type.FAIL),
        sink.count(Op.Type.INFO));
  }

  private static NemesisPlan nemesisPlan(TestSpec spec, Db db) {
    if (spec.nemesis().isEmpty()) {
      return NemesisPlan.none();
    }
    return Plugins.all().stream()
        .map(p -> p.nemesis(spec, db))
        .flatMap(Optional::stream)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no nemesis module is on the class path for faults " + spec.nemesis()));
  }

  private static History execute(
      TestSpec spec,
      Workload workload,
      NemesisPlan plan,
      Db db,
      Client client,
      Interpreter interpreter,
      RecordingSink sink,
      ReplicaChecks below) {
    boolean setUp = false;
    Client setupClient = null;
    try {
      db.setup();
      setupClient = client.open(db.nodes().get(0));
      setupClient.setup();
      plan.nemesis().setup();
      setUp = true;
      below.start();
      History history = interpreter.run(generator(spec, workload, plan, sink));
      below.finish();
      return history;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the run failed: " + e, e);
    } finally {
      below.close();
      tearDown(plan, setupClient, setUp, db);
    }
  }

  /** Main phase, heal, recovery, final reads. */
  static Generator generator(
      TestSpec spec, Workload workload, NemesisPlan plan, RecordingSink sink) {
    Generator clients = workload.generator(spec);
    if (spec.rate() > 0) {
      clients = Generators.rate(spec.rate(), clients);
    }
    Generator main =
        Generators.timeLimit(
            spec.timeLimit(), Generators.clientsAndNemesis(clients, plan.generator()));
    return Generators.phases(
        main,
        Generators.nemesis(plan.finalGenerator()),
        Generators.nemesis(Generators.once(AWAIT_RECOVERY, null)),
        Generators.clients(
            Generators.defer(() -> workload.finalGenerator(spec, History.of(sink.ops())))));
  }

  private static void tearDown(NemesisPlan plan, Client setupClient, boolean setUp, Db db) {
    try {
      plan.nemesis().teardown();
    } catch (Exception e) {
      LOG.warn("the nemesis could not heal everything: {}", e.toString());
    }
    if (setupClient != null) {
      try {
        if (setUp) {
          setupClient.teardown();
        }
        setupClient.close();
      } catch (Exception e) {
        LOG.warn("client teardown failed: {}", e.toString());
      }
    }
    db.teardown();
  }

  private static void writeLatencies(Interpreter interpreter, RunDir run) {
    if (interpreter.latencies() == null) {
      return;
    }
    try {
      interpreter.latencies().writeIntervalLog(run.latency());
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", run.latency(), e.toString());
    }
  }

  /** {@code report.html} and {@code results/index.html}; a report that cannot be written never loses the run. */
  private static void writeReport(RunDir run, Path results) {
    try {
      ReportWriter.write(run);
      RunIndex.update(results);
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      LOG.warn("cannot write the report of {}: {}", run, e.toString());
    }
  }

  /** Checks; a checker that throws gives unknown with the error, as in Jepsen. */
  private static Result check(Workload workload, TestSpec spec, History history) {
    try {
      return workload.checker(spec).check(history);
    } catch (RuntimeException e) {
      LOG.warn("the checker failed", e);
      return Result.of(Verdict.UNKNOWN, Map.of("valid", "unknown", "error", String.valueOf(e)));
    }
  }

  /**
   * {@code results.json}: the verdict, op counts, each check's result under its name ({@code linearizability}, the
   * workload's checker; {@code replicaAgreement} and {@code durableAcks}, see {@link ReplicaChecks}), and the fault
   * families the report shades.
   */
  private static Map<String, Object> resultsJson(
      Result result, RecordingSink sink, List<FaultFamily> families) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", result.verdict().jsonValue());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Op.Type t : Op.Type.values()) {
      counts.put(t.jepsenName(), sink.count(t));
    }
    m.put("counts", counts);
    result
        .toJson()
        .forEach(
            (k, v) -> {
              if (!k.equals("valid")) {
                m.put(k, v);
              }
            });
    m.put("faultFamilies", families);
    return m;
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "(none)" : names.stream().sorted().collect(Collectors.joining(", "));
  }

  /** The plan's nemesis, plus {@value #AWAIT_RECOVERY}: wait until the cluster serves again. */
  private record RecoveringNemesis(Nemesis inner, Db db) implements Nemesis {
    @Override
    public void setup() throws Exception {
      inner.setup();
    }

    @Override
    public Op invoke(Op op) throws Exception {
      if (op.f().equals(AWAIT_RECOVERY)) {
        long start = System.nanoTime();
        db.awaitReady();
        return op.withValue(Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
      }
      return inner.invoke(op);
    }

    @Override
    public void teardown() throws Exception {
      inner.teardown();
    }

    @Override
    public java.util.Set<String> fs() {
      return inner.fs();
    }
  }
}
