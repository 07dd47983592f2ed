package io.faultline.harness.generator;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;

/** Short readable renderings of simulated schedules, for exact assertions. */
final class Schedules {
  private Schedules() {}

  /** Each invocation as {@code "<time> <process> <f> <value>"}, e.g. {@code "10ms p1 write 3"}. */
  static List<String> invocations(History h) {
    List<String> out = new ArrayList<>();
    for (Op op : Simulator.invocations(h)) {
      out.add(describe(op));
    }
    return out;
  }

  /** Every op as {@code "<time> <process> <type> <f> <value>"}. */
  static List<String> all(History h) {
    List<String> out = new ArrayList<>();
    for (Op op : h.ops()) {
      out.add(
          time(op.time())
              + " "
              + process(op)
              + " "
              + op.type().jepsenName()
              + " "
              + op.f()
              + (op.value() == null ? "" : " " + op.value()));
    }
    return out;
  }

  static String describe(Op op) {
    return time(op.time())
        + " "
        + process(op)
        + " "
        + op.f()
        + (op.value() == null ? "" : " " + op.value());
  }

  private static String process(Op op) {
    return op.isNemesis() ? "nemesis" : "p" + op.process();
  }

  static String time(long nanos) {
    return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
  }
}
