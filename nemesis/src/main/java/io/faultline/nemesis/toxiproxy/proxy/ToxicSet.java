package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.Direction;
import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The toxics of one proxy: an immutable value, replaced as a whole on every change so that connections can read it
 * without locks. Within a stream, toxics act in the order they were added.
 */
public record ToxicSet(List<ToxicSpec> upstream, List<ToxicSpec> downstream) {
  public static final ToxicSet EMPTY = new ToxicSet(List.of(), List.of());

  public ToxicSet {
    upstream = List.copyOf(upstream);
    downstream = List.copyOf(downstream);
  }

  /** The toxics of one stream, in chain order. */
  public List<ToxicSpec> of(Direction stream) {
    return stream == Direction.UPSTREAM ? upstream : downstream;
  }

  /** Every toxic: upstream first, each stream in the order added (the order the API lists them in). */
  public List<ToxicSpec> all() {
    List<ToxicSpec> all = new ArrayList<>(upstream);
    all.addAll(downstream);
    return all;
  }

  /** The toxic named {@code name}, in either stream. */
  public Optional<ToxicSpec> find(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** This set with {@code spec} added at the end of its stream (the caller has checked the name is free). */
  public ToxicSet with(ToxicSpec spec) {
    return map(spec.stream(), list -> list.add(spec));
  }

  /** This set with the toxic of the same name replaced by {@code spec}, in place. */
  public ToxicSet replacing(ToxicSpec spec) {
    return map(
        spec.stream(), list -> list.replaceAll(t -> t.name().equals(spec.name()) ? spec : t));
  }

  /** This set without the toxic named {@code name}. */
  public ToxicSet without(String name) {
    List<ToxicSpec> up = new ArrayList<>(upstream);
    List<ToxicSpec> down = new ArrayList<>(downstream);
    up.removeIf(t -> t.name().equals(name));
    down.removeIf(t -> t.name().equals(name));
    return new ToxicSet(up, down);
  }

  private ToxicSet map(Direction stream, Consumer<List<ToxicSpec>> change) {
    List<ToxicSpec> up = new ArrayList<>(upstream);
    List<ToxicSpec> down = new ArrayList<>(downstream);
    change.accept(stream == Direction.UPSTREAM ? up : down);
    return new ToxicSet(up, down);
  }
}
