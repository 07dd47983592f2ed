package io.faultline.harness.runner;

import io.faultline.harness.history.Op;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The progress of a run on stderr: on an interactive terminal, one line redrawn every half second; otherwise a plain
 * line every five seconds, fit for logs. Elapsed time, ops per second, ok/fail/info counts and the latest fault.
 */
final class Progress implements AutoCloseable {
  private final RecordingSink sink;
  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private final Thread thread;
  private volatile boolean done;

  Progress(RecordingSink sink, PrintStream out, boolean terminal) {
    this.sink = sink;
    this.out = out;
    this.terminal = terminal;
    this.thread = new Thread(this::loop, "progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long period = terminal ? 500 : 5000;
    while (!done) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(period));
      if (!done) {
        out.print(terminal ? "\r" + line() + "\u001b[K" : line() + "\n");
        out.flush();
      }
    }
  }

  String line() {
    double secs = (System.nanoTime() - start) / 1e9;
    long ok = sink.count(Op.Type.OK);
    long fail = sink.count(Op.Type.FAIL);
    long info = sink.count(Op.Type.INFO);
    Op n = sink.lastNemesis();
    String fault = n == null ? "none" : n.f() + (n.value() == null ? "" : " " + n.value());
    if (fault.length() > 60) {
      fault = fault.substring(0, 57) + "...";
    }
    return String.format(
        "[%5.0fs] %7.1f ops/s  ok %d  fail %d  info %d  nemesis: %s",
        secs, (ok + fail + info) / Math.max(secs, 1e-3), ok, fail, info, fault);
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
    if (terminal) {
      out.print("\r" + line() + "\u001b[K\n");
      out.flush();
    }
  }
}
