package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceTest {

  @Test
  void bucketsAreRoundAndAboutAHundredPerRun() {
    assertThat(Performance.bucketNanos(60_000_000_000L)).isEqualTo(1_000_000_000L);
    assertThat(Performance.bucketNanos(30_000_000_000L)).isEqualTo(500_000_000L);
    assertThat(Performance.bucketNanos(0)).isEqualTo(1);
  }

  @Test
  void quantilesAreNearestRank() {
    long[] v = new long[100];
    for (int i = 0; i < 100; i++) {
      v[i] = i + 1;
    }
    assertThat(Performance.quantile(v, 0.5)).isEqualTo(50);
    assertThat(Performance.quantile(v, 0.99)).isEqualTo(99);
    assertThat(Performance.quantile(new long[] {7}, 0.95)).isEqualTo(7);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theScatterIsSampledButKeepsEveryFailureAndSaysHowMuchItShows() {
    List<Op> ops = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 30_000; i++) {
      ops.add(new Op(-1, t, Op.Type.INVOKE, 0, "write", (long) i, null, null));
      Op.Type type = i % 100 == 0 ? Op.Type.FAIL : Op.Type.OK;
      ops.add(new Op(-1, t + 1_000, type, 0, "write", (long) i, null, null));
      t += 2_000;
    }
    Map<String, Object> perf = Performance.of(History.of(ops));
    Map<String, Object> points = (Map<String, Object>) perf.get("points");
    assertThat(points.get("shown")).isEqualTo(Performance.MAX_POINTS);
    assertThat(points.get("of")).isEqualTo(30_000);
    int[] types = (int[]) points.get("type");
    assertThat(java.util.Arrays.stream(types).filter(x -> x == 1).count()).isEqualTo(300);
    long[] times = (long[]) points.get("t");
    for (int i = 1; i < times.length; i++) {
      assertThat(times[i]).isGreaterThanOrEqualTo(times[i - 1]);
    }
    List<Map<String, Object>> rates = (List<Map<String, Object>>) perf.get("rates");
    assertThat(rates).extracting(r -> r.get("type")).containsExactly("ok", "fail");
    double[] ok = (double[]) rates.get(0).get("rate");
    // 500 ops per ms of history time, 99% ok: about 495,000 per second in the middle buckets
    assertThat(ok[ok.length / 2]).isBetween(480_000.0, 510_000.0);
  }
}
