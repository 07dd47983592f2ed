package io.faultline.harness.checker.model;

/**
 * A lock, as Knossos' {@code mutex}: {@code acquire} succeeds only when it is free, {@code release} only when it is
 * held. States are {@link Boolean#TRUE} (held) and {@link Boolean#FALSE} (free).
 */
public final class MutexModel implements Model<Boolean> {
  private final Boolean init;

  /** @param held whether the lock starts held */
  public MutexModel(boolean held) {
    this.init = held;
  }

  /** A mutex from an {@code --init} value: {@code nil}, {@code free} or {@code false} is free; {@code held} or {@code true} held. */
  public static MutexModel of(Object init) {
    String n = Values.name(init);
    if (init == null || Boolean.FALSE.equals(init) || "free".equals(n) || "unlocked".equals(n)) {
      return new MutexModel(false);
    }
    if (Boolean.TRUE.equals(init) || "held".equals(n) || "locked".equals(n)) {
      return new MutexModel(true);
    }
    throw new IllegalArgumentException(
        "mutex: initial state must be free or held, not " + Values.show(init));
  }

  @Override
  public String name() {
    return "mutex";
  }

  @Override
  public Boolean init() {
    return init;
  }

  @Override
  public Boolean step(Boolean held, Operation op) {
    return switch (op.f()) {
      case "acquire" -> held ? null : Boolean.TRUE;
      case "release" -> held ? Boolean.FALSE : null;
      default -> throw new UnknownFunctionException(name(), op, "acquire or release");
    };
  }

  @Override
  public String describe(Boolean held) {
    return held ? "held" : "free";
  }

  @Override
  public String explain(Boolean held, Operation op) {
    return "can't " + op.f() + " a " + describe(held) + " mutex";
  }
}
