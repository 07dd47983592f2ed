package io.faultline.harness.checker.linear;

import static io.faultline.harness.history.Op.invoke;
import static io.faultline.harness.history.Op.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.ListAppendModel;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchLimitsTest {
  private static final Model<List<Object>> LIST = new ListAppendModel.KeyList();

  /** Eight appends that never return, then a read of an element nobody appended: every order gets tried. */
  private static List<Operation> everyOrderOfEightAppends() {
    List<Op> ops = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      ops.add(invoke(p, "append", (long) p));
    }
    ops.add(invoke(100, "read", null));
    ops.add(ok(100, "read", List.of(99L)));
    return Operations.of(History.of(ops), LIST, true);
  }

  @Test
  void theMemoryGuardCountsTheModelStatesNotOnlyTheCacheEntries() {
    List<Operation> ops = everyOrderOfEightAppends();
    PartResult unlimited =
        WglSearch.run("k", LIST, ops, new SearchLimits(Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(unlimited.verdict()).isEqualTo(Verdict.INVALID);

    // Enough for the cache entries alone, with room to spare, but not for the lists they hold.
    long entriesOnly = unlimited.configurations() * ConfigCache.entryBytes(1);
    PartResult guarded =
        WglSearch.run("k", LIST, ops, new SearchLimits(Long.MAX_VALUE, entriesOnly * 3 / 2));

    assertThat(guarded.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(guarded.cause()).startsWith("memory guard");
  }

  @Test
  void searchesStoppedEarlyReportTheFirstReasonGiven() {
    SearchLimits limits = new SearchLimits(Long.MAX_VALUE, Long.MAX_VALUE);
    limits.cancel("another part of the history ran out of memory");
    limits.cancel("another part of the history is not linearizable");

    PartResult r = WglSearch.run("k", LIST, everyOrderOfEightAppends(), limits);

    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.cause()).isEqualTo("cancelled: another part of the history ran out of memory");
  }
}
