package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.FaultFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultIntervalsTest {
  private final List<Op> ops = new ArrayList<>();

  private void nemesis(long t, String f, Op.Type done) {
    ops.add(new Op(-1, t, Op.Type.INVOKE, Op.NEMESIS, f, null, null, null));
    ops.add(new Op(-1, t + 5, done, Op.NEMESIS, f, null, null, null));
  }

  private void client(long t) {
    ops.add(new Op(-1, t, Op.Type.INVOKE, 0, "read", null, null, null));
    ops.add(new Op(-1, t + 1, Op.Type.OK, 0, "read", 1L, null, null));
  }

  private List<FaultInterval> intervals() {
    return FaultIntervals.of(History.of(ops));
  }

  @Test
  void aPartitionRunsFromItsStartsInvocationToItsHealsCompletion() {
    client(0);
    nemesis(100, "start-partition", Op.Type.INFO);
    client(150);
    nemesis(300, "stop-partition", Op.Type.INFO);
    assertThat(intervals())
        .containsExactly(
            new FaultInterval(
                JepsenFamilies.FAMILIES.get(0), "start-partition", "", "stop-partition", 100, 305));
  }

  @Test
  void killingAnotherNodeExtendsTheOpenKillIntervalAndTheNextStartClosesIt() {
    nemesis(10, "kill", Op.Type.INFO);
    nemesis(20, "kill", Op.Type.INFO);
    nemesis(30, "start", Op.Type.INFO);
    nemesis(40, "kill", Op.Type.INFO);
    nemesis(50, "start", Op.Type.INFO);
    assertThat(intervals())
        .extracting(FaultInterval::start, FaultInterval::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10L, 35L),
            org.assertj.core.groups.Tuple.tuple(40L, 55L));
  }

  @Test
  void healEverythingClosesEveryFamilyAndAnUnhealedFaultStaysOpenToTheEnd() {
    nemesis(10, "pause", Op.Type.INFO);
    nemesis(20, "bump-clock", Op.Type.INFO);
    nemesis(30, "heal", Op.Type.INFO);
    nemesis(40, "start-packet", Op.Type.INFO);
    client(90);
    List<FaultInterval> is = intervals();
    assertThat(is).extracting(i -> i.family().name()).containsExactly("pause", "clock", "packet");
    assertThat(is.get(0).end()).isEqualTo(35);
    assertThat(is.get(1).healF()).isEqualTo("heal");
    assertThat(is.get(2).open()).isTrue();
    assertThat(is.get(2).end()).isEqualTo(91);
  }

  @Test
  void aStartThatFailedOpensNothingAndUnknownFunctionsAreIgnored() {
    nemesis(10, "start-partition", Op.Type.FAIL);
    nemesis(20, "meteor-strike", Op.Type.INFO);
    nemesis(30, "stop-partition", Op.Type.INFO);
    assertThat(intervals()).isEmpty();
  }

  @Test
  void jepsensFamiliesCarryJepsensColours() {
    assertThat(JepsenFamilies.FAMILIES)
        .extracting(FaultFamily::name, FaultFamily::colour)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("partition", "#E9DCA0"),
            org.assertj.core.groups.Tuple.tuple("kill", "#E9A4A0"),
            org.assertj.core.groups.Tuple.tuple("pause", "#A0B1E9"),
            org.assertj.core.groups.Tuple.tuple("clock", "#A0E9E3"),
            org.assertj.core.groups.Tuple.tuple("packet", "#D1E8A0"));
  }

  @Test
  void aFamilyWithoutAHealingOpHasInstantsFromInvocationToCompletion() {
    FaultFamily leader =
        new FaultFamily(
            "leader", java.util.Set.of("transfer-leader"), java.util.Set.of(), "#D8B4E9");
    nemesis(10, "transfer-leader", Op.Type.OK);
    nemesis(40, "transfer-leader", Op.Type.FAIL);
    nemesis(60, "transfer-leader", Op.Type.OK);
    assertThat(FaultIntervals.of(History.of(ops), List.of(leader)))
        .extracting(FaultInterval::start, FaultInterval::end, FaultInterval::open)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10L, 15L, false),
            org.assertj.core.groups.Tuple.tuple(60L, 65L, false));
  }

  @Test
  void aRunsDeclaredFamiliesAreShadedAndOthersIgnored() {
    FaultFamily disk =
        new FaultFamily(
            "disk", java.util.Set.of("power-loss"), java.util.Set.of("start"), "#B0A0E9");
    nemesis(10, "power-loss", Op.Type.INFO);
    nemesis(20, "start-partition", Op.Type.INFO);
    nemesis(30, "start", Op.Type.INFO);
    assertThat(FaultIntervals.of(History.of(ops), List.of(disk)))
        .extracting(
            i -> i.family().name(), FaultInterval::f, FaultInterval::healF, FaultInterval::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("disk", "power-loss", "start", 35L));
  }

  @Test
  void jepsensClassicStartAndStopArePartitionsUnlessAKillIsOpen() {
    nemesis(10, "start", Op.Type.INFO);
    nemesis(20, "stop", Op.Type.INFO);
    nemesis(30, "kill", Op.Type.INFO);
    nemesis(40, "start", Op.Type.INFO);
    assertThat(intervals())
        .extracting(i -> i.family().name(), FaultInterval::f, FaultInterval::healF)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("partition", "start", "stop"),
            org.assertj.core.groups.Tuple.tuple("kill", "kill", "start"));
  }

  @Test
  void opsWithoutTimesDrawNoInterval() {
    ops.add(new Op(-1, -1, Op.Type.INVOKE, Op.NEMESIS, "start-partition", null, null, null));
    ops.add(new Op(-1, -1, Op.Type.INFO, Op.NEMESIS, "start-partition", null, null, null));
    assertThat(intervals()).isEmpty();
  }

  @Test
  void theNemesisOpsListedOnThePageSayWhatTheNemesisDidAndWhen() {
    ops.add(new Op(-1, 10, Op.Type.INVOKE, Op.NEMESIS, "kill", null, null, null));
    ops.add(new Op(-1, 15, Op.Type.INFO, Op.NEMESIS, "kill", List.of("n1"), null, null));
    client(20);
    nemesis(30, "await-recovery", Op.Type.INFO);
    List<java.util.Map<String, Object>> listed = ReportData.nemesisOps(History.of(ops));
    assertThat(listed)
        .extracting(m -> m.get("f"), m -> m.get("t"), m -> m.get("end"), m -> m.get("value"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kill", 10L, 15L, "[\"n1\"]"),
            org.assertj.core.groups.Tuple.tuple("await-recovery", 30L, 35L, null));
  }
}
