package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTimelinesTest {

  private static Map<String, Object> lin(History h) {
    return new LinearizabilityChecker(Models.create("kv", null)).check(h).toJson();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> keys(Map<String, Object> section) {
    return (List<Map<String, Object>>) section.get("keys");
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> ops(Map<String, Object> key) {
    return (List<List<Object>>) key.get("ops");
  }

  /** x: p0 writes 1; y: p1 writes 2 while p0 reads x; p0 reads 2 from x, which nobody wrote. */
  private static History twoKeys() {
    return History.of(
        Op.invoke(0, "write", List.of("x", 1L)),
        Op.ok(0, "write", List.of("x", 1L)),
        Op.invoke(1, "write", List.of("y", 2L)),
        Op.invoke(0, "read", Arrays.asList("x", null)),
        Op.ok(1, "write", List.of("y", 2L)),
        Op.ok(0, "read", List.of("x", 2L)));
  }

  @Test
  void invalidKeysComeFirstAndEachKeyHoldsOnlyItsOpsInHistoryOrder() {
    History h = twoKeys();
    List<Map<String, Object>> keys = keys(KeyTimelines.of(h, lin(h), KeyTimelines.Limits.DEFAULT));
    assertThat(keys).extracting(k -> k.get("key")).containsExactly("x", "y");
    assertThat(keys.get(0).get("verdict")).isEqualTo("invalid");
    // y is valid, or unknown when the invalid x cancelled its search first (parts run in parallel):
    // collapsed either way
    assertThat(keys.get(1).get("verdict")).isIn("valid", "unknown");
    assertThat(keys.get(1).get("collapsed")).isEqualTo(true);
    assertThat(keys.get(0).get("collapsed")).isEqualTo(false);
    List<List<Object>> x = ops(keys.get(0));
    assertThat(x)
        .extracting(o -> o.get(2), o -> o.get(7))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("write", 0L),
            org.assertj.core.groups.Tuple.tuple("read", 3L));
    // call and return slots follow history order within the key: write [0,1], read [2,3]
    assertThat(x)
        .extracting(o -> o.get(3), o -> o.get(4))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(2, 3));
    assertThat(keys.get(0).get("slots")).isEqualTo(4);
    // values are shown without their key
    assertThat(x.get(1).get(8)).isEqualTo("nil");
    assertThat(x.get(1).get(9)).isEqualTo("2");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFailureNamesTheOpThatCannotBeLinearizedAndThePathBeforeIt() {
    History h = twoKeys();
    Map<String, Object> x = keys(KeyTimelines.of(h, lin(h), KeyTimelines.Limits.DEFAULT)).get(0);
    Map<String, Object> failure = (Map<String, Object>) x.get("failure");
    assertThat(failure.get("index")).isEqualTo(3L);
    assertThat(failure.get("previousOk")).isEqualTo(0L);
    List<Map<String, Object>> path = (List<Map<String, Object>>) failure.get("path");
    assertThat(path).extracting(s -> s.get("index")).containsExactly(0L, 3L);
    assertThat(path.get(0).get("model")).isEqualTo("1");
    assertThat((String) failure.get("error")).contains("read");
  }

  @Test
  void aWorkersSuccessiveProcessesShareALane() {
    History h =
        History.of(
            Op.invoke(0, "write", List.of("x", 1L)),
            Op.invoke(1, "write", List.of("x", 2L)),
            Op.info(0, "write", List.of("x", 1L)),
            Op.invoke(2, "write", List.of("x", 3L)),
            Op.ok(2, "write", List.of("x", 3L)),
            Op.ok(1, "write", List.of("x", 2L)));
    Map<String, Object> x = keys(KeyTimelines.of(h, lin(h), KeyTimelines.Limits.DEFAULT)).get(0);
    assertThat(x.get("rows")).isEqualTo(List.of(List.of(0, 2), List.of(1)));
    assertThat(ops(x)).extracting(o -> o.get(0)).containsExactly(0, 1, 0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLongInvalidKeyKeepsAWindowAroundItsFailureAndSaysSo() {
    History h = ReportFixtures.withBadReadAt(ReportFixtures.kvHistory(600, 1, false, 3, 0), 0.5);
    Map<String, Object> k =
        keys(KeyTimelines.of(h, lin(h), new KeyTimelines.Limits(100, 1_000))).get(0);
    assertThat(k.get("verdict")).isEqualTo("invalid");
    assertThat(ops(k)).hasSize(100);
    Map<String, Object> shown = (Map<String, Object>) k.get("shown");
    assertThat((int) shown.get("of")).isGreaterThan(500);
    long failing = (Long) ((Map<String, Object>) k.get("failure")).get("index");
    assertThat(ops(k)).anyMatch(o -> o.get(7).equals(failing));
    // slots are renumbered within the window
    assertThat(ops(k)).allMatch(o -> (int) o.get(3) < (int) k.get("slots"));
  }

  @Test
  void keysBeyondThePagesBudgetKeepTheirVerdictButNoOperations() {
    History h = ReportFixtures.kvHistory(300, 3, false, 9, 0);
    List<Map<String, Object>> keys =
        keys(KeyTimelines.of(h, lin(h), new KeyTimelines.Limits(100, 150)));
    // the first key fits whole (under 100 ops), the second gets what is left of 150, the third
    // nothing
    int first = ops(keys.get(0)).size();
    assertThat(first).isLessThan(100).isEqualTo(keys.get(0).get("count"));
    assertThat(ops(keys.get(1))).hasSize(150 - first);
    assertThat(ops(keys.get(2))).isNull();
    assertThat(keys.get(2).get("verdict")).isEqualTo("valid");
    assertThat(keys.get(2).get("count")).isNotNull();
  }

  @Test
  void anUncheckedHistoryStillGetsOneTimeline() {
    List<Op> ops = new ArrayList<>(List.of(Op.invoke(0, "read", null), Op.ok(0, "read", 1L)));
    Map<String, Object> section =
        KeyTimelines.of(History.of(ops), null, KeyTimelines.Limits.DEFAULT);
    assertThat(section.get("verdict")).isNull();
    assertThat(keys(section))
        .singleElement()
        .satisfies(k -> assertThat(k.get("verdict")).isEqualTo("unchecked"));
  }
}
