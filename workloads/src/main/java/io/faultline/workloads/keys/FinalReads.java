package io.faultline.workloads.keys;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The final phase of the key-value workloads: after healing, one read of every key the history touched. */
public final class FinalReads {
  private FinalReads() {}

  /** One {@code read [k nil]} of every key of the history's {@code [k v]} ops, in order of first use. */
  public static Generator ofEveryKey(History history) {
    Set<Object> keys = new LinkedHashSet<>();
    for (Op op : history.ops()) {
      if (!op.isNemesis() && op.value() instanceof List<?> kv && !kv.isEmpty()) {
        keys.add(kv.get(0));
      }
    }
    List<Generator> reads = new ArrayList<>();
    for (Object k : keys) {
      reads.add(Generators.once("read", Arrays.asList(k, null)));
    }
    return Generators.seq(reads);
  }
}
