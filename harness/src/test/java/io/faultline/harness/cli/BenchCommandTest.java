package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code ./faultline bench} makes of JMH's console output. */
class BenchCommandTest {
  @Test
  void aFailedBenchmarkRunIsNamedWithItsParametersAndTheOutputIsPassedOn() throws IOException {
    String jmh =
        """
        # Benchmark: io.faultline.jmh.store.ReadLatencyBenchmark.read
        # Parameters: (store = raft)
        Iteration   1: 120 us/op
        # Benchmark: io.faultline.jmh.store.ReadLatencyBenchmark.read
        # Parameters: (store = etcd)
        # Warmup Iteration   1: <failure>
        java.lang.IllegalStateException: etcd is not installed (apt-get install etcd-server)
        # Benchmark: io.faultline.jmh.floor.DsyncWriteBenchmark.write
        <failure>
        """;
    StringWriter out = new StringWriter();
    var failed =
        BenchCommand.relay(
            new ByteArrayInputStream(jmh.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out));
    assertThat(failed)
        .containsExactly("ReadLatencyBenchmark.read (store = etcd)", "DsyncWriteBenchmark.write");
    assertThat(out.toString()).isEqualTo(jmh);
  }
}
