package io.faultline.nemesis.family;

import io.faultline.harness.history.Op;
import io.faultline.harness.spi.Nemesis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several nemeses as one, Jepsen's {@code nemesis/compose}: each op goes to the nemesis whose {@link Nemesis#fs()}
 * holds its {@code f}. Setup runs every nemesis's setup in order; teardown runs every teardown, in order, even when
 * one of them throws, and then rethrows the first failure with the others suppressed, so one family that cannot heal
 * never stops the others from healing.
 */
public final class ComposedNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(ComposedNemesis.class);

  private final List<Nemesis> nemeses;
  private final Map<String, Nemesis> byF = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException when a nemesis declares no fs, or two declare the same f
   */
  public ComposedNemesis(List<? extends Nemesis> nemeses) {
    this.nemeses = List.copyOf(nemeses);
    for (Nemesis n : this.nemeses) {
      if (n.fs().isEmpty()) {
        throw new IllegalArgumentException("a composed nemesis must declare its fs: " + n);
      }
      for (String f : n.fs()) {
        Nemesis previous = byF.putIfAbsent(f, n);
        if (previous != null) {
          throw new IllegalArgumentException(
              "two nemeses handle f '" + f + "': " + previous + " and " + n);
        }
      }
    }
  }

  @Override
  public void setup() throws Exception {
    for (Nemesis n : nemeses) {
      n.setup();
    }
  }

  /**
   * @throws IllegalArgumentException when no nemesis handles the op's f (the interpreter records it as info)
   */
  @Override
  public Op invoke(Op op) throws Exception {
    Nemesis n = byF.get(op.f());
    if (n == null) {
      throw new IllegalArgumentException(
          "no nemesis handles f '" + op.f() + "'; fs: " + String.join(", ", byF.keySet()));
    }
    return n.invoke(op);
  }

  @Override
  public void teardown() throws Exception {
    Exception first = null;
    for (Nemesis n : nemeses) {
      try {
        n.teardown();
      } catch (Exception e) {
        LOG.warn("{} could not heal: {}", n, e.toString());
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public Set<String> fs() {
    return Set.copyOf(byF.keySet());
  }

  @Override
  public String toString() {
    return "ComposedNemesis" + nemeses;
  }
}
