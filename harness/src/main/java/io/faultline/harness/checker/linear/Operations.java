package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;

/** Turns a history into the operations a linearizability search works on, with Knossos' semantics. */
final class Operations {
  private Operations() {}

  /**
   * The operations of {@code history}, numbered in invocation order:
   *
   * <ul>
   *   <li>nemesis ops are ignored;
   *   <li>an {@code ok} completion supplies the operation's value;
   *   <li>{@code fail}ed operations did not happen and are dropped, except that with {@code checkedFails} a failed
   *       {@code cas} is kept as an operation that observed a mismatch;
   *   <li>{@code info} operations and invocations that never completed stay pending to the end, except read-only
   *       ones, which constrain nothing and are dropped.
   * </ul>
   *
   * @throws io.faultline.harness.history.MalformedHistoryException when a process has two operations open at once
   */
  static List<Operation> of(History history, Model<?> model, boolean checkedFails) {
    int[] pairs = history.pairs();
    List<Operation> out = new ArrayList<>();
    for (Op op : history.ops()) {
      if (op.isNemesis() || op.type() != Op.Type.INVOKE) {
        continue;
      }
      int j = pairs[(int) op.index()];
      Op done = j < 0 ? null : history.get(j);
      Operation.Outcome outcome;
      Object value = op.value();
      if (done == null || done.type() == Op.Type.INFO) {
        if (model.isReadOnly(op.f())) {
          continue;
        }
        outcome = Operation.Outcome.PENDING;
      } else if (done.type() == Op.Type.OK) {
        outcome = Operation.Outcome.OK;
        value = done.value();
      } else if (checkedFails && op.f().equals("cas")) {
        outcome = Operation.Outcome.FAILED;
      } else {
        continue;
      }
      out.add(new Operation(out.size(), op.f(), value, outcome, op, done));
    }
    return out;
  }
}
