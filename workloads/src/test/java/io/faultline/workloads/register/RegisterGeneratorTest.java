package io.faultline.workloads.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Simulator;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The register's mix of reads, writes and compare-and-sets, simulated. */
class RegisterGeneratorTest {
  private static List<Op> invocationsOf(TestSpec spec, int ops) {
    return Simulator.invocations(
        Simulator.of(spec.concurrency())
            .seed(7)
            .run(
                Generators.clients(Generators.limit(ops, new RegisterWorkload().generator(spec)))));
  }

  private static Map<String, Long> countsOf(TestSpec spec, int ops) {
    List<Op> invocations = invocationsOf(spec, ops);
    assertThat(invocations).hasSize(ops);
    return invocations.stream().collect(Collectors.groupingBy(Op::f, Collectors.counting()));
  }

  @Test
  void byDefaultReadsWritesAndCasAreAThirdEach() {
    Map<String, Long> counts = countsOf(TestSpec.builder().build(), 3000);

    assertThat(counts.keySet()).containsExactlyInAnyOrder("read", "write", "cas");
    counts.values().forEach(n -> assertThat(n).isBetween(900L, 1100L));
  }

  @Test
  void theMixOptionSetsTheWeightsAndAZeroWeightLeavesTheOpOut() {
    Map<String, Long> counts =
        countsOf(TestSpec.builder().workloadOption(RegisterWorkload.MIX, "3:2:0").build(), 3000);

    assertThat(counts).doesNotContainKey("cas");
    assertThat(counts.get("read")).isBetween(1700L, 1900L);
    assertThat(counts.get("write")).isBetween(1100L, 1300L);
  }

  /** The value an op writes: a write's value, a cas's new value; null for a read. */
  private static Object written(Op op) {
    Object v = ((List<?>) op.value()).get(1);
    return op.f().equals("cas") ? ((List<?>) v).get(1) : v;
  }

  @Test
  void byDefaultEveryWrittenValueIsWrittenOnceAndACasExpectsOneOfItsKeysLatestValues() {
    List<Op> ops = invocationsOf(TestSpec.builder().build(), 3000);
    List<Object> written =
        ops.stream()
            .filter(op -> !op.f().equals("read"))
            .map(RegisterGeneratorTest::written)
            .toList();

    assertThat(written).doesNotHaveDuplicates().doesNotContain(0L);
    Map<Object, Object> keyOfValue =
        ops.stream()
            .filter(op -> !op.f().equals("read"))
            .collect(
                Collectors.toMap(
                    RegisterGeneratorTest::written, op -> ((List<?>) op.value()).get(0)));
    long casOnAWrittenValueOfItsKey =
        ops.stream()
            .filter(op -> op.f().equals("cas"))
            .filter(
                op -> {
                  Object from = ((List<?>) ((List<?>) op.value()).get(1)).get(0);
                  return ((List<?>) op.value()).get(0).equals(keyOfValue.get(from));
                })
            .count();
    long cas = ops.stream().filter(op -> op.f().equals("cas")).count();
    assertThat(casOnAWrittenValueOfItsKey).isGreaterThan(cas * 9 / 10);
  }

  @Test
  void aNumberOfValuesDrawsFromThatDomain() {
    List<Op> ops =
        invocationsOf(
            TestSpec.builder().workloadOption(RegisterWorkload.VALUES_OPTION, "5").build(), 3000);

    assertThat(
            ops.stream()
                .filter(op -> !op.f().equals("read"))
                .map(RegisterGeneratorTest::written)
                .distinct())
        .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void aMalformedValuesOptionIsRefusedInOneLine() {
    assertThatThrownBy(
            () ->
                new RegisterWorkload()
                    .checkOptions(
                        TestSpec.builder()
                            .workloadOption(RegisterWorkload.VALUES_OPTION, "few")
                            .build()))
        .hasMessage(
            "--workload-opt values is 'unique' or a number of values of at least 1, not 'few'");
  }

  @Test
  void aMalformedMixIsRefusedInOneLine() {
    Function<String, TestSpec> spec =
        mix -> TestSpec.builder().workloadOption(RegisterWorkload.MIX, mix).build();

    assertThatThrownBy(() -> new RegisterWorkload().generator(spec.apply("3:2")))
        .hasMessage("a mix is read:write:cas weights, e.g. 3:2:0, not '3:2'");
    assertThatThrownBy(() -> new RegisterWorkload().generator(spec.apply("a:b:c")))
        .hasMessage("a mix is read:write:cas weights, e.g. 3:2:0, not 'a:b:c'");
    assertThatThrownBy(() -> new RegisterWorkload().generator(spec.apply("0:0:0")))
        .hasMessage("a mix needs weights of at least 0 with a positive sum, not 0:0:0");
  }
}
