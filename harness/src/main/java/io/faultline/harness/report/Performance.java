package io.faultline.harness.report;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The performance section's data, Jepsen-style, computed from the history's client operations: the latency of each
 * operation (completion time minus invocation time) at its invocation time; latency quantiles per {@code f} over time
 * buckets; and completions per second per {@code f} and type over the same buckets.
 *
 * <p>The scatter keeps at most {@value #MAX_POINTS} points: every failed and indeterminate operation (up to half of
 * that), and an even stride of the ok ones. Quantiles and rates use every operation, in buckets of a round width
 * (about 100 buckets for quantiles, 40 for rates, which need more operations per bucket to be smooth). Times are
 * nanoseconds since the start of the test.
 */
final class Performance {
  static final int MAX_POINTS = 20_000;

  /** About how many buckets the throughput plot has: fewer than the quantiles', as counts need more per bucket. */
  private static final int RATE_BUCKETS = 40;

  private static final String[] TYPES = {"ok", "fail", "info"};

  private Performance() {}

  private record Sample(long time, long latency, String f, String type) {}

  /** The section, or {@code null} when the history has no completed client operation. */
  static Map<String, Object> of(History history) {
    List<Sample> samples = new ArrayList<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Op op : history.ops()) {
      if (op.time() >= 0) {
        start = Math.min(start, op.time());
        end = Math.max(end, op.time());
      }
      if (op.isNemesis() || op.type() != Op.Type.INVOKE) {
        continue;
      }
      Op done = history.completionOf((int) op.index());
      if (done != null && op.time() >= 0 && done.time() >= op.time()) {
        samples.add(
            new Sample(op.time(), done.time() - op.time(), op.f(), done.type().jepsenName()));
      }
    }
    if (samples.isEmpty()) {
      return null;
    }
    TreeSet<String> fs = new TreeSet<>();
    samples.forEach(s -> fs.add(s.f()));
    long bucket = bucketNanos(end - start);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("start", start);
    out.put("end", end);
    out.put("fs", List.copyOf(fs));
    out.put("types", List.of(TYPES));
    out.put("bucketNanos", bucket);
    out.put("operations", samples.size());
    out.put("points", points(samples, List.copyOf(fs)));
    out.put("quantiles", quantiles(samples, fs, start, bucket));
    long rateBucket = bucketNanos((end - start) * 100 / RATE_BUCKETS);
    out.put("rateBucketNanos", rateBucket);
    out.put("rates", rates(samples, fs, start, end, rateBucket));
    return out;
  }

  /** A round bucket width (1, 2 or 5 times a power of ten nanoseconds) giving about 100 buckets over {@code span}. */
  static long bucketNanos(long span) {
    long target = Math.max(1, span / 100);
    long p = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (p * m >= target) {
          return p * m;
        }
      }
      p *= 10;
    }
  }

  /** Columns {@code t}, {@code latency}, {@code f} (index into fs), {@code type} (index into ok, fail, info). */
  private static Map<String, Object> points(List<Sample> samples, List<String> fs) {
    List<Sample> kept = sample(samples, MAX_POINTS);
    long[] t = new long[kept.size()];
    long[] lat = new long[kept.size()];
    int[] f = new int[kept.size()];
    int[] type = new int[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      Sample s = kept.get(i);
      t[i] = s.time();
      lat[i] = s.latency();
      f[i] = fs.indexOf(s.f());
      type[i] = Arrays.asList(TYPES).indexOf(s.type());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", t);
    m.put("latency", lat);
    m.put("f", f);
    m.put("type", type);
    m.put("shown", kept.size());
    m.put("of", samples.size());
    return m;
  }

  /** At most {@code max} samples: the failed and indeterminate first (up to half), then an even stride of the rest. */
  static List<Sample> sample(List<Sample> samples, int max) {
    if (samples.size() <= max) {
      return samples;
    }
    List<Sample> bad = new ArrayList<>();
    List<Sample> ok = new ArrayList<>();
    for (Sample s : samples) {
      (s.type().equals("ok") ? ok : bad).add(s);
    }
    List<Sample> out = new ArrayList<>(max);
    out.addAll(stride(bad, max / 2));
    out.addAll(stride(ok, max - out.size()));
    out.sort((a, b) -> Long.compare(a.time(), b.time()));
    return out;
  }

  private static List<Sample> stride(List<Sample> in, int max) {
    if (in.size() <= max) {
      return in;
    }
    List<Sample> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      out.add(in.get((int) ((long) i * in.size() / max)));
    }
    return out;
  }

  /** Per f: bucket start times and p50, p95, p99 and max latency of the operations invoked in each bucket. */
  private static List<Map<String, Object>> quantiles(
      List<Sample> samples, TreeSet<String> fs, long start, long bucket) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String f : fs) {
      TreeMap<Long, List<Long>> buckets = new TreeMap<>();
      for (Sample s : samples) {
        if (s.f().equals(f)) {
          buckets
              .computeIfAbsent((s.time() - start) / bucket, b -> new ArrayList<>())
              .add(s.latency());
        }
      }
      int n = buckets.size();
      long[] t = new long[n];
      long[][] q = new long[4][n];
      int i = 0;
      for (Map.Entry<Long, List<Long>> e : buckets.entrySet()) {
        long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
        t[i] = start + e.getKey() * bucket + bucket / 2;
        q[0][i] = quantile(v, 0.50);
        q[1][i] = quantile(v, 0.95);
        q[2][i] = quantile(v, 0.99);
        q[3][i] = v[v.length - 1];
        i++;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("f", f);
      m.put("t", t);
      m.put("p50", q[0]);
      m.put("p95", q[1]);
      m.put("p99", q[2]);
      m.put("max", q[3]);
      out.add(m);
    }
    return out;
  }

  /** The nearest-rank quantile of sorted values. */
  static long quantile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Per f and type that occurs: completions per second in every bucket from start to end, zeros included. */
  private static List<Map<String, Object>> rates(
      List<Sample> samples, TreeSet<String> fs, long start, long end, long bucket) {
    int n = (int) ((end - start) / bucket) + 1;
    Map<String, long[]> counts = new TreeMap<>();
    for (Sample s : samples) {
      long doneAt = s.time() + s.latency();
      int b = (int) Math.min(n - 1, (doneAt - start) / bucket);
      counts.computeIfAbsent(s.f() + "\u0000" + s.type(), k -> new long[n])[b]++;
    }
    double perSecond = 1e9 / bucket;
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = start + i * bucket + bucket / 2;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (String f : fs) {
      for (String type : TYPES) {
        long[] c = counts.get(f + "\u0000" + type);
        if (c == null) {
          continue;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = Math.round(c[i] * perSecond * 1000) / 1000.0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f", f);
        m.put("type", type);
        m.put("t", t);
        m.put("rate", r);
        out.add(m);
      }
    }
    return out;
  }
}
