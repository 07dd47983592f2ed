package io.faultline.harness.runner.interpreter;

import io.faultline.harness.generator.Dispatcher;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Nemesis;
import io.faultline.harness.spi.NoopClient;
import io.faultline.harness.spi.NoopNemesis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a generator with real threads and records what happens: Jepsen's interpreter.
 *
 * <p>There is one worker thread per client thread, each with its own {@link Client} opened on a node (round-robin
 * over the nodes), and one nemesis worker. The calling thread coordinates: it asks the generator (through a
 * {@link Dispatcher}) for the next op, waits for the op's due time, hands it to the idle worker of its thread, and
 * receives completions through a queue; every invocation and completion updates the generator. It waits by parking
 * (a timed poll of the completion queue), never by spinning, and the run ends when the generator is exhausted and
 * every worker is idle.
 *
 * <p><b>Outcomes.</b> A completion is recorded as the client returned it. An exception thrown by a client becomes
 * {@code info} with the exception's class and message as {@code error}; so does an op that gets no answer within
 * the op timeout ({@code error} "timeout …"). After any {@code info} the thread continues as process
 * {@code p + concurrency} with a newly opened client; a timed-out client call is abandoned on its own thread and a new
 * worker takes over the logical thread. Nemesis ops run on process {@link Op#NEMESIS} and have no timeout.
 *
 * <p><b>Timestamps and order.</b> Times are {@link System#nanoTime()} minus the start of the run. The invocation is
 * timestamped and recorded before it is handed to the worker, and the completion is timestamped by the worker after
 * the client returns, so the recorded interval contains the operation. The history is recorded in the order the
 * coordinator sees events, which is a real-time order: a completion recorded before an invocation really happened
 * before it (the converse need not hold, which only makes ops look more concurrent). Times are clamped to never
 * decrease along the history. Indices are positions in the history.
 *
 * <p><b>Recording.</b> Every op goes to the {@link HistorySink}, in order, as it happens; the sink is flushed at least
 * once per flush interval and at the end. Latencies go to {@link #latencies()} (see {@link Latencies} for how
 * coordinated omission is handled). {@link #run} returns the whole history.
 *
 * <p>If the generator throws, the ops in flight are given a few seconds (at most the op timeout) to complete and are
 * recorded, the workers are stopped, the sink is flushed, and the exception propagates.
 *
 * <p>The interpreter does not call the client's or the nemesis's {@code setup} and {@code teardown}: the runner
 * does, around the run. An interpreter runs once.
 */
public final class Interpreter {
  private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final int concurrency;
  private final Client client;
  private final Nemesis nemesis;
  private final List<String> nodes;
  private final long seed;
  private final long opTimeoutNanos;
  private final long flushIntervalNanos;
  private final HistorySink sink;
  private final AtomicBoolean ran = new AtomicBoolean();
  private volatile Latencies latencies;

  private Interpreter(Builder b) {
    this.concurrency = b.concurrency;
    this.client = b.client;
    this.nemesis = b.nemesis;
    this.nodes = b.nodes;
    this.seed = b.seed;
    this.opTimeoutNanos = b.opTimeout == null ? Long.MAX_VALUE : b.opTimeout.toNanos();
    this.flushIntervalNanos = b.flushInterval.toNanos();
    this.sink = b.sink;
  }

  /** An interpreter with {@code concurrency} client threads; see the builder's setters for the defaults. */
  public static Builder builder(int concurrency) {
    return new Builder(concurrency);
  }

  /** Configuration of an interpreter. */
  public static final class Builder {
    private final int concurrency;
    private Client client = NoopClient.INSTANCE;
    private Nemesis nemesis = NoopNemesis.INSTANCE;
    private List<String> nodes = List.of();
    private long seed;
    private Duration opTimeout = Duration.ofSeconds(30);
    private Duration flushInterval = Duration.ofSeconds(1);
    private HistorySink sink = HistorySink.discard();

    private Builder(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
      }
      this.concurrency = concurrency;
    }

    /** The client template that each worker opens (default: {@link NoopClient}). */
    public Builder client(Client c) {
      this.client = Objects.requireNonNull(c, "client");
      return this;
    }

    /** The nemesis (default: {@link NoopNemesis}). */
    public Builder nemesis(Nemesis n) {
      this.nemesis = Objects.requireNonNull(n, "nemesis");
      return this;
    }

    /** The nodes; client thread {@code t} opens its clients on node {@code t mod n} (default: none, node null). */
    public Builder nodes(List<String> ns) {
      this.nodes = List.copyOf(ns);
      return this;
    }

    /** The seed of the generator context's random source (default 0). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** How long a client op may take before it is recorded as info (default 30 s); {@code null} for no limit. */
    public Builder opTimeout(Duration d) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException("the op timeout must be positive, got " + d);
      }
      this.opTimeout = d;
      return this;
    }

    /** The longest time between flushes of the sink and latency intervals (default and at most 1 s). */
    public Builder flushInterval(Duration d) {
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException("the flush interval must be in (0, 1 s], got " + d);
      }
      this.flushInterval = d;
      return this;
    }

    /** Where ops stream to as they happen (default: nowhere). */
    public Builder sink(HistorySink s) {
      this.sink = Objects.requireNonNull(s, "sink");
      return this;
    }

    public Interpreter build() {
      return new Interpreter(this);
    }
  }

  /** The latencies of the run, once it has started; {@code null} before. */
  public Latencies latencies() {
    return latencies;
  }

  /**
   * Runs {@code generator} to exhaustion and returns the history. If the generator throws, or the calling thread is
   * interrupted, the workers are stopped, what was recorded so far is flushed, and the exception propagates.
   */
  public History run(Generator generator) throws InterruptedException {
    if (!ran.compareAndSet(false, true)) {
      throw new IllegalStateException("an interpreter runs once");
    }
    return new Run(generator).execute();
  }

  /** The state of one run, confined to the coordinating thread. */
  private final class Run {
    private final long startNanos = System.nanoTime();
    private final LinkedBlockingQueue<Worker.Completion> completions = new LinkedBlockingQueue<>();
    private final Dispatcher dispatcher;
    private final Worker[] workers = new Worker[concurrency + 1];
    private final Op[] inFlight = new Op[concurrency + 1];
    private final long[] intended = new long[concurrency + 1];
    private final long[] deadlines = new long[concurrency + 1];
    private final List<Op> ops = new ArrayList<>();
    private final Latencies lat = new Latencies(System.currentTimeMillis());
    private long lastTime;
    private long nextFlush;

    Run(Generator generator) {
      this.dispatcher = new Dispatcher(generator, concurrency, seed);
      Arrays.fill(deadlines, Long.MAX_VALUE);
      latencies = lat;
    }

    private long now() {
      return System.nanoTime() - startNanos;
    }

    History execute() throws InterruptedException {
      for (int t = 0; t < concurrency; t++) {
        workers[t] = newClientWorker(t);
      }
      workers[concurrency] = Worker.nemesis(concurrency, nemesis, completions, this::now, lat);
      for (Worker w : workers) {
        w.start();
      }
      nextFlush = flushIntervalNanos;
      boolean finished = false;
      try {
        loop();
        finished = true;
      } catch (RuntimeException | Error e) {
        try {
          recordOpsInFlight();
        } catch (RuntimeException | Error again) {
          e.addSuppressed(again);
        }
        throw e;
      } finally {
        try {
          stopWorkers(!finished);
        } finally {
          sink.flush();
          lat.rollInterval();
        }
      }
      return History.of(ops);
    }

    private Worker newClientWorker(int thread) {
      String node = nodes.isEmpty() ? null : nodes.get(thread % nodes.size());
      return Worker.client(thread, client, node, completions, this::now, lat);
    }

    private void loop() throws InterruptedException {
      while (true) {
        Worker.Completion c;
        while ((c = completions.poll()) != null) {
          absorb(c);
        }
        long now = now();
        expireTimeouts(now);
        if (now >= nextFlush) {
          sink.flush();
          lat.rollInterval();
          nextFlush = now + flushIntervalNanos;
        }
        Dispatcher.Decision d = dispatcher.next(now);
        if (d instanceof Dispatcher.Decision.Invoke inv) {
          dispatch(inv, now);
        } else if (d instanceof Dispatcher.Decision.Wait w) {
          long until = Math.min(Math.min(w.until(), nextFlush), earliestDeadline());
          long wait = until - now();
          c = wait > 0 ? completions.poll(wait, TimeUnit.NANOSECONDS) : null;
          if (c != null) {
            absorb(c);
          }
        } else {
          return;
        }
      }
    }

    /**
     * After the generator failed: waits a little for the ops in flight and records their completions (without asking
     * the generator anything), so that the history ends as completely as it can. Ops still open stay open, which a
     * checker reads as indeterminate.
     */
    private void recordOpsInFlight() {
      long until =
          System.nanoTime()
              + Math.min(opTimeoutNanos, TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS));
      try {
        while (Arrays.stream(inFlight).anyMatch(Objects::nonNull)) {
          Worker.Completion c = completions.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
          if (c == null) {
            return;
          }
          int thread = c.worker().thread;
          if (workers[thread] == c.worker() && inFlight[thread] != null) {
            record(c.completion());
            inFlight[thread] = null;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void dispatch(Dispatcher.Decision.Invoke inv, long now) {
      int thread = inv.thread();
      Op op = inv.op();
      String node =
          thread < concurrency && !nodes.isEmpty() ? nodes.get(thread % nodes.size()) : null;
      if (node != null && op.node() == null) {
        op = op.withNode(node);
      }
      op = record(op);
      inFlight[thread] = op;
      intended[thread] = inv.intendedTime();
      if (thread < concurrency && opTimeoutNanos != Long.MAX_VALUE) {
        deadlines[thread] = now + opTimeoutNanos;
      }
      workers[thread].send(new Worker.Task(op, inv.intendedTime()));
    }

    private void absorb(Worker.Completion c) {
      int thread = c.worker().thread;
      if (workers[thread] != c.worker()) {
        return; // an abandoned worker's late answer: the op was already recorded as info
      }
      complete(thread, c.completion());
    }

    private void complete(int thread, Op completion) {
      Op op = record(completion);
      inFlight[thread] = null;
      deadlines[thread] = Long.MAX_VALUE;
      dispatcher.complete(op, op.time());
    }

    private Op record(Op op) {
      long time = Math.max(op.time(), lastTime);
      lastTime = time;
      Op recorded =
          new Op(
              ops.size(), time, op.type(), op.process(), op.f(), op.value(), op.error(), op.node());
      ops.add(recorded);
      sink.append(recorded);
      return recorded;
    }

    private long earliestDeadline() {
      long min = Long.MAX_VALUE;
      for (long d : deadlines) {
        min = Math.min(min, d);
      }
      return min;
    }

    private void expireTimeouts(long now) {
      for (int t = 0; t < concurrency; t++) {
        if (deadlines[t] > now) {
          continue;
        }
        Op inv = inFlight[t];
        LOG.debug(
            "{} on process {} timed out after {} ms; recording info and replacing its worker",
            inv.f(),
            inv.process(),
            opTimeoutNanos / 1_000_000);
        workers[t].abandon();
        workers[t] = newClientWorker(t);
        workers[t].start();
        lat.record(inv.f(), now - intended[t]);
        complete(
            t,
            new Op(
                -1,
                now,
                Op.Type.INFO,
                inv.process(),
                inv.f(),
                inv.value(),
                "timeout: no response after " + opTimeoutNanos / 1_000_000 + " ms",
                inv.node()));
      }
    }

    private void stopWorkers(boolean abort) {
      for (Worker w : workers) {
        if (w == null) {
          continue;
        }
        if (abort) {
          w.abandon();
        }
        w.stop();
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
      boolean interrupted = false;
      for (Worker w : workers) {
        if (w == null) {
          continue;
        }
        try {
          w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (w.isAlive()) {
          LOG.warn(
              "worker {} did not stop within {} ms; leaving it behind", w.thread, STOP_WAIT_MILLIS);
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
