package io.faultline.harness.runner.interpreter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Operation latencies in nanoseconds: one HdrHistogram {@link Recorder} per {@code f}, recorded by the workers as ops
 * complete, and cut into intervals by the interpreter about once a second.
 *
 * <p><b>Coordinated omission.</b> A latency runs from the op's <em>intended</em> issue time to its completion. Without
 * a rate, ops are issued as soon as a thread is free, and the intended time is the time of invocation. With a rate
 * ({@code Generators.stagger}, {@code rate}, {@code delay}) the schedule is open-loop: each op has a due time fixed by
 * the schedule, not by when the previous op finished, and when every thread is busy past that time the op waits and
 * the wait counts as latency, as in wrk2. A slow phase of the system therefore shows up in the high percentiles
 * instead of quietly lowering the offered load.
 *
 * <p>The interval log is HdrHistogram's text format, one line per {@code f} per interval, tagged with {@code f}
 * ({@code Tag=read,…}), with times relative to the start of the test.
 */
public final class Latencies {
  private final long startEpochMillis;
  private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, Histogram> totals = new TreeMap<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final HistogramLogWriter writer;

  /** Latencies of a test that started at {@code startEpochMillis} (wall clock, for the log's header). */
  public Latencies(long startEpochMillis) {
    this.startEpochMillis = startEpochMillis;
    this.writer = new HistogramLogWriter(new PrintStream(log, false, StandardCharsets.UTF_8));
    writer.outputComment("Faultline operation latencies in nanoseconds, one tag per f");
    writer.outputLogFormatVersion();
    writer.outputStartTime(startEpochMillis);
    writer.setBaseTime(startEpochMillis);
    writer.outputBaseTime(startEpochMillis);
    writer.outputLegend();
  }

  /** Records that an op of {@code f} took {@code nanos}. Thread-safe and wait-free once {@code f} has been seen. */
  public void record(String f, long nanos) {
    recorders.computeIfAbsent(f, k -> new Recorder(3)).recordValue(Math.max(0, nanos));
  }

  /** Closes the current interval: appends one line per {@code f} that recorded anything to the log. */
  public synchronized void rollInterval() {
    for (Map.Entry<String, Recorder> e : new TreeMap<>(recorders).entrySet()) {
      Histogram h = e.getValue().getIntervalHistogram();
      if (h.getTotalCount() == 0) {
        continue;
      }
      h.setTag(e.getKey());
      writer.outputIntervalHistogram(h);
      totals.computeIfAbsent(e.getKey(), k -> new Histogram(3)).add(h);
    }
  }

  /** The functions seen so far, as of the last interval. */
  public synchronized Set<String> fs() {
    return Set.copyOf(totals.keySet());
  }

  /** A copy of all latencies of {@code f} up to the last interval, or an empty histogram. */
  public synchronized Histogram total(String f) {
    Histogram h = totals.get(f);
    return h == null ? new Histogram(3) : h.copy();
  }

  /** The wall-clock start of the test, in milliseconds since the epoch. */
  public long startEpochMillis() {
    return startEpochMillis;
  }

  /** Closes the current interval and writes the whole interval log (e.g. {@code latency.hlog}) to {@code path}. */
  public synchronized void writeIntervalLog(Path path) throws IOException {
    rollInterval();
    Files.write(path, log.toByteArray());
  }
}
