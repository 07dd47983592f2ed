package io.faultline.harness.runner.interpreter;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Nemesis;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of the interpreter: performs the ops of one logical thread, one at a time, through its own client (or
 * the nemesis) and hands each completion to the coordinator. The coordinator only sends an op to an idle worker, so
 * the mailbox holds at most one task.
 *
 * <p>A worker whose op timed out is abandoned: the coordinator has already recorded the op as {@code info} and started
 * a replacement for the same logical thread. When the stuck call finally returns, the abandoned worker drops its
 * result, closes its client and ends.
 */
final class Worker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** An op to perform; {@code intendedTime} is when the schedule wanted it issued, for latency. */
  record Task(Op invocation, long intendedTime) {}

  /** A completion for the coordinator; {@code completion} carries its time. */
  record Completion(Worker worker, Op completion) {}

  final int thread;
  private final Client template;
  private final Nemesis nemesis;
  private final String node;
  private final BlockingQueue<Completion> completions;
  private final LongSupplier clock;
  private final Latencies latencies;
  private final Thread javaThread;

  private volatile Task task;
  private volatile boolean stopped;
  private volatile boolean abandoned;
  private Client client;
  private String openError;

  private Worker(
      int thread,
      Client template,
      Nemesis nemesis,
      String node,
      BlockingQueue<Completion> completions,
      LongSupplier clock,
      Latencies latencies,
      String name) {
    this.thread = thread;
    this.template = template;
    this.nemesis = nemesis;
    this.node = node;
    this.completions = completions;
    this.clock = clock;
    this.latencies = latencies;
    this.javaThread = new Thread(this, name);
    javaThread.setDaemon(true);
  }

  /** A worker for client thread {@code thread}, opening its clients from {@code template} against {@code node}. */
  static Worker client(
      int thread,
      Client template,
      String node,
      BlockingQueue<Completion> completions,
      LongSupplier clock,
      Latencies latencies) {
    return new Worker(
        thread, template, null, node, completions, clock, latencies, "faultline-worker-" + thread);
  }

  /** The worker of the nemesis thread. */
  static Worker nemesis(
      int thread,
      Nemesis nemesis,
      BlockingQueue<Completion> completions,
      LongSupplier clock,
      Latencies latencies) {
    return new Worker(
        thread, null, nemesis, null, completions, clock, latencies, "faultline-nemesis");
  }

  void start() {
    javaThread.start();
  }

  /** Hands over an op; the worker must be idle. */
  void send(Task t) {
    task = t;
    LockSupport.unpark(javaThread);
  }

  /** Asks the worker to close its client and end once idle. */
  void stop() {
    stopped = true;
    LockSupport.unpark(javaThread);
  }

  /** Gives up on the op in progress: its result will be dropped, and the worker ends. */
  void abandon() {
    abandoned = true;
    javaThread.interrupt();
  }

  void join(long millis) throws InterruptedException {
    javaThread.join(millis);
  }

  boolean isAlive() {
    return javaThread.isAlive();
  }

  @Override
  public void run() {
    try {
      if (template != null) {
        openClient();
      }
      Task t;
      while ((t = take()) != null) {
        Op completion = perform(t.invocation());
        long end = clock.getAsLong();
        if (abandoned) {
          break;
        }
        latencies.record(t.invocation().f(), end - t.intendedTime());
        completions.add(new Completion(this, completion.withTime(end)));
        if (template != null && completion.type() == Op.Type.INFO) {
          // The process crashed; its successor gets a fresh connection, as Jepsen's workers do.
          closeClient();
          openClient();
        }
      }
    } finally {
      closeClient();
    }
  }

  private Task take() {
    while (true) {
      Task t = task;
      if (t != null) {
        task = null;
        return t;
      }
      if (stopped || abandoned) {
        return null;
      }
      Thread.interrupted(); // only the coordinator interrupts us, and it sets a flag first
      LockSupport.park(this);
    }
  }

  private Op perform(Op invocation) {
    try {
      if (nemesis != null) {
        return nemesisCompletion(invocation, nemesis.invoke(invocation));
      }
      if (client == null && !openClient()) {
        return completion(invocation, Op.Type.FAIL, invocation.value(), "no client: " + openError);
      }
      return clientCompletion(invocation, client.invoke(invocation));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return completion(invocation, Op.Type.INFO, invocation.value(), describe(e));
    } catch (Exception | LinkageError | AssertionError e) {
      return completion(invocation, Op.Type.INFO, invocation.value(), describe(e));
    }
  }

  private static Op clientCompletion(Op invocation, Op result) {
    if (result == null) {
      return completion(
          invocation, Op.Type.INFO, invocation.value(), "the client returned no completion");
    }
    if (result.type() == Op.Type.INVOKE) {
      return completion(
          invocation,
          Op.Type.INFO,
          invocation.value(),
          "the client returned an invocation: " + result);
    }
    return new Op(
        -1,
        -1,
        result.type(),
        invocation.process(),
        invocation.f(),
        result.value(),
        result.error(),
        result.node() != null ? result.node() : invocation.node());
  }

  private static Op nemesisCompletion(Op invocation, Op result) {
    if (result == null) {
      return completion(invocation, Op.Type.INFO, invocation.value(), null);
    }
    Op.Type type = result.type() == Op.Type.INVOKE ? Op.Type.INFO : result.type();
    return new Op(
        -1,
        -1,
        type,
        invocation.process(),
        invocation.f(),
        result.value(),
        result.error(),
        result.node());
  }

  private static Op completion(Op invocation, Op.Type type, Object value, Object error) {
    return new Op(
        -1, -1, type, invocation.process(), invocation.f(), value, error, invocation.node());
  }

  /** The error text of an exception: its class and message, as Jepsen records {@code :error}. */
  static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getName()
        : e.getClass().getName() + ": " + e.getMessage();
  }

  private boolean openClient() {
    try {
      client = template.open(node);
      openError = null;
      return true;
    } catch (Exception | LinkageError e) {
      client = null;
      openError = describe(e);
      LOG.warn("worker {} could not open a client to {}: {}", thread, node, openError);
      return false;
    }
  }

  private void closeClient() {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (Exception e) {
      LOG.warn("worker {} could not close its client: {}", thread, describe(e));
    }
    client = null;
  }
}
