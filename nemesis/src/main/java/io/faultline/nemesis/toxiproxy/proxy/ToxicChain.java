package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.PassThroughStage;
import io.faultline.nemesis.toxiproxy.toxic.Stage;
import io.faultline.nemesis.toxiproxy.toxic.StageContext;
import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of one stream of one connection, in toxic order, ending in the sink that writes to the socket.
 * Confined to the connection's event loop.
 *
 * <p>{@link #apply} brings the chain in line with the proxy's current toxics: an unchanged toxic keeps its stage
 * (and its state); a new or updated one gets a fresh stage, with toxicity rolled again for this connection; a stage
 * that leaves hands what it holds to the stage that now follows it. Stages leave from the end of the chain
 * backwards, because data further down the chain is older: this keeps the bytes in order.
 */
final class ToxicChain {
  private record Slot(ToxicSpec spec, Stage stage, boolean active) {}

  private final Stage sink;
  private final StageContext ctx;
  private List<Slot> slots = List.of();

  ToxicChain(Stage sink, StageContext ctx) {
    this.sink = sink;
    this.ctx = ctx;
  }

  /** The first stage: where chunks read from the source go. */
  Stage head() {
    return slots.isEmpty() ? sink : slots.get(0).stage();
  }

  /** Makes the chain match {@code specs} (one stream's toxics, in order). */
  void apply(List<ToxicSpec> specs) {
    List<Slot> before = slots;
    List<Slot> after = new ArrayList<>(specs.size());
    for (ToxicSpec spec : specs) {
      Slot prev = find(before, spec.name());
      after.add(prev != null && prev.spec() == spec ? prev : newSlot(spec, prev));
    }
    for (int i = 0; i < after.size(); i++) {
      after.get(i).stage().linkTo(i + 1 < after.size() ? after.get(i + 1).stage() : sink);
    }
    slots = after;
    handOver(before, after);
  }

  /** Frees every stage's buffers and timers: the connection is closed. */
  void release() {
    slots.forEach(s -> s.stage().release());
  }

  private void handOver(List<Slot> before, List<Slot> after) {
    for (int i = before.size() - 1; i >= 0; i--) {
      Slot old = before.get(i);
      Slot now = find(after, old.spec().name());
      if (now == old) {
        continue;
      }
      if (now != null) {
        old.stage().drainTo(now.stage());
      } else if (old.active()) {
        old.stage().onRemoved(successor(before, i, after));
      } else {
        old.stage().drainTo(successor(before, i, after));
      }
    }
  }

  private Slot newSlot(ToxicSpec spec, Slot prev) {
    boolean active = ctx.random().nextFloat() < spec.toxicity();
    Stage stage = active ? spec.type().newStage(spec, ctx) : new PassThroughStage();
    if (prev != null) {
      stage.inherit(prev.stage());
    }
    return new Slot(spec, stage, active);
  }

  /** The stage that now follows the old slot {@code index}: its first old follower still present, or the sink. */
  private Stage successor(List<Slot> before, int index, List<Slot> after) {
    for (int j = index + 1; j < before.size(); j++) {
      Slot now = find(after, before.get(j).spec().name());
      if (now != null) {
        return now.stage();
      }
    }
    return sink;
  }

  private static Slot find(List<Slot> slots, String name) {
    for (Slot s : slots) {
      if (s.spec().name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
