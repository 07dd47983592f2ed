package io.faultline.harness.replica;

import io.faultline.harness.checker.Result;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.harness.spi.db.LogPositions;
import io.faultline.harness.spi.db.LogPositions.Ack;
import io.faultline.harness.spi.db.LogPositions.Terms;
import io.faultline.harness.spi.db.ReplicaDigests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers, while the cluster is up, the evidence of the checks below the history, and turns it into their results.
 * {@link #start} samples, every {@link #SAMPLE_EVERY} in the background, replica agreement (a sample is taken only
 * when every node answers, which is what makes a moment healthy here) and the answering nodes' log terms over the
 * acknowledged writes not yet compacted (so that a write can be seen on a majority before a snapshot hides it);
 * {@link #finish}, called after recovery and the final reads and before teardown, takes the final agreement sample
 * (retrying for up to {@link #FINAL_WAIT} until every node answers at a common index) and reads every node's final log
 * for the acknowledged writes. Each check can be turned
 * off with {@code --check NAME=off} ({@link TestSpec#checks()}).
 */
public final class ReplicaChecks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaChecks.class);

  /** The name of the replica agreement check, in {@code --check} and, camel-cased, in {@code results.json}. */
  public static final String AGREEMENT = TestSpec.CHECKS.get(0);

  /** The name of the durable acknowledgement check. */
  public static final String DURABLE_ACKS = TestSpec.CHECKS.get(1);

  static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
  static final Duration FINAL_WAIT = Duration.ofSeconds(15);
  private static final Duration SAMPLE_WAIT = Duration.ofMillis(500);

  private final TestSpec spec;
  private final Db db;
  private final long startNanos = System.nanoTime();
  private final List<AgreementSample> samples = Collections.synchronizedList(new ArrayList<>());
  private int missed;
  private String lastProblem;
  private ScheduledExecutorService sampler;
  private final List<LogSample> logSamples = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> compactedTo = new java.util.concurrent.ConcurrentHashMap<>();
  private List<Ack> acks = List.of();
  private boolean finished;

  public ReplicaChecks(TestSpec spec, Db db) {
    this.spec = spec;
    this.db = db;
  }

  private boolean agreementRuns() {
    return spec.checkOn(AGREEMENT) && db instanceof ReplicaDigests;
  }

  private boolean durableAcksRun() {
    return spec.checkOn(DURABLE_ACKS) && db instanceof LogPositions;
  }

  /** Starts sampling replica agreement in the background; call once the cluster is set up. */
  public void start() {
    if (!agreementRuns() && !durableAcksRun()) {
      return;
    }
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "replica-agreement");
              t.setDaemon(true);
              return t;
            });
    long every = SAMPLE_EVERY.toMillis();
    sampler.scheduleWithFixedDelay(
        () -> {
          if (agreementRuns()) {
            sample("during", SAMPLE_WAIT);
          }
          if (durableAcksRun()) {
            sampleLogs();
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** The final evidence; call after recovery and the final reads, while every node still runs. */
  public void finish() {
    close();
    if (agreementRuns()) {
      sample("final", FINAL_WAIT);
    }
    if (durableAcksRun()) {
      LogPositions log = (LogPositions) db;
      acks = log.acknowledged();
      logSamples.add(new LogSample(acks.size(), logs(log, acks, false)));
    }
    finished = true;
  }

  /** The answering nodes' terms over the acknowledged writes that each has not compacted yet. */
  private void sampleLogs() {
    try {
      LogPositions log = (LogPositions) db;
      List<Ack> known = log.acknowledged();
      if (!known.isEmpty()) {
        logSamples.add(new LogSample(known.size(), logs(log, known, true)));
      }
    } catch (RuntimeException e) {
      LOG.warn("log sample failed: {}", e.toString());
    }
  }

  private void sample(String moment, Duration wait) {
    try {
      AgreementProbe.Attempt a =
          AgreementProbe.sample(
              (ReplicaDigests) db,
              db.nodes(),
              System.nanoTime() + wait.toNanos(),
              moment,
              (System.nanoTime() - startNanos) / 1_000_000);
      synchronized (samples) {
        if (a.sample() != null) {
          samples.add(a.sample());
        } else {
          missed++;
          lastProblem = a.problem();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("replica agreement sample failed: {}", e.toString());
    }
  }

  /**
   * Each answering node's terms over the acks' indexes, fetched in as many pages as the node needs; from where the
   * node's last snapshot ended when {@code tailOnly}, since compacted entries are not listed.
   */
  private Map<String, Terms> logs(LogPositions log, List<Ack> acks, boolean tailOnly) {
    Map<String, Terms> out = new LinkedHashMap<>();
    if (acks.isEmpty()) {
      return out;
    }
    long min = acks.stream().mapToLong(Ack::index).min().orElseThrow();
    long to = acks.stream().mapToLong(Ack::index).max().orElseThrow();
    for (String n : db.nodes()) {
      long from = tailOnly ? Math.max(min, compactedTo.getOrDefault(n, 0L) + 1) : min;
      if (from > to) {
        continue;
      }
      fetch(log, n, from, to)
          .ifPresent(
              t -> {
                out.put(n, t);
                compactedTo.merge(n, t.snapshotIndex(), Math::max);
              });
    }
    return out;
  }

  private static Optional<Terms> fetch(LogPositions log, String node, long from, long to) {
    Optional<Terms> first = log.terms(node, from, to);
    if (first.isEmpty()) {
      return first;
    }
    Terms t = first.get();
    long[] all = t.terms();
    long next = t.from() + all.length;
    while (next <= Math.min(to, t.lastIndex())) {
      Optional<Terms> page = log.terms(node, next, to);
      if (page.isEmpty() || page.get().terms().length == 0) {
        return Optional.empty();
      }
      long[] more = page.get().terms();
      long[] joined = java.util.Arrays.copyOf(all, all.length + more.length);
      System.arraycopy(more, 0, joined, all.length, more.length);
      all = joined;
      next += more.length;
    }
    return Optional.of(
        new Terms(t.snapshotIndex(), t.snapshotTerm(), t.lastIndex(), t.from(), all));
  }

  /**
   * The checks' results by their {@code results.json} key ({@code replicaAgreement}, {@code durableAcks}); a check
   * that did not run is skipped with why.
   */
  public Map<String, Result> results(History history) {
    Map<String, Result> out = new LinkedHashMap<>();
    out.put("replicaAgreement", agreement(history));
    out.put("durableAcks", durableAcks(history));
    return out;
  }

  private Result agreement(History history) {
    if (!spec.checkOn(AGREEMENT)) {
      return skipped("turned off (--check " + AGREEMENT + "=off)");
    }
    if (!(db instanceof ReplicaDigests)) {
      return skipped(
          "the " + spec.sut() + " cluster shows no state-machine digests (ReplicaDigests)");
    }
    if (!finished) {
      return skipped("the run ended before the cluster recovered");
    }
    synchronized (samples) {
      return new ReplicaAgreementCheck(samples, missed, lastProblem).check(history);
    }
  }

  private Result durableAcks(History history) {
    if (!spec.checkOn(DURABLE_ACKS)) {
      return skipped("turned off (--check " + DURABLE_ACKS + "=off)");
    }
    if (!(db instanceof LogPositions)) {
      return skipped(
          "the "
              + spec.sut()
              + " cluster does not say where acknowledged writes sit in its log (LogPositions)");
    }
    if (!finished) {
      return skipped("the run ended before the cluster recovered");
    }
    synchronized (logSamples) {
      return new DurableAckCheck(acks, logSamples, db.nodes().size()).check(history);
    }
  }

  /** The result of a check that did not run, with why: valid, so that it never changes a verdict. */
  public static Result skipped(String reason) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", true);
    json.put("skipped", reason);
    return Result.of(io.faultline.harness.checker.Verdict.VALID, json);
  }

  /** Stops the background sampling. */
  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
      try {
        sampler.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sampler = null;
    }
  }
}
