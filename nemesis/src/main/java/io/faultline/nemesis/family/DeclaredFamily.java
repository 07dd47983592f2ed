package io.faultline.nemesis.family;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A {@link FamilyFactory} made of its three parts, for the families whose package is built by one function: a
 * family's class extends it with a public no-argument constructor (as {@link java.util.ServiceLoader} needs) that
 * passes its declaration, healing order and builder.
 */
public abstract class DeclaredFamily implements FamilyFactory {
  private final FaultFamily family;
  private final HealOrder healOrder;
  private final BiFunction<TestSpec, Db, NemesisPackage> builder;

  protected DeclaredFamily(
      FaultFamily family, HealOrder healOrder, BiFunction<TestSpec, Db, NemesisPackage> builder) {
    this.family = Objects.requireNonNull(family, "family");
    this.healOrder = Objects.requireNonNull(healOrder, "healOrder");
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  @Override
  public final FaultFamily family() {
    return family;
  }

  @Override
  public final HealOrder healOrder() {
    return healOrder;
  }

  @Override
  public final NemesisPackage create(TestSpec spec, Db db) {
    return builder.apply(spec, db);
  }
}
