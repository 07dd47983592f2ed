package io.faultline.harness.checker.model;

import java.util.List;
import java.util.function.Function;

/** The models users can name, e.g. on {@code ./faultline check --model}. */
public final class Models {
  private Models() {}

  private record Entry(String name, String description, Function<Object, Model<?>> factory) {}

  private static final List<Entry> ALL =
      List.of(
          new Entry("register", "read/write register", RegisterModel::register),
          new Entry("cas-register", "read/write/cas register", RegisterModel::casRegister),
          new Entry(
              "multi-register", "transactions over several registers", MultiRegisterModel::new),
          new Entry("mutex", "acquire/release lock", MutexModel::of),
          new Entry(
              "kv", "per-key read/write/cas and get/put/append, partitioned per key", KvModel::new),
          new Entry(
              "list-append",
              "per-key append-only lists (append [k e], read [k list]), partitioned per key",
              init -> new ListAppendModel()));

  /** The names of all models, in a stable order. */
  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /**
   * The model called {@code name}, starting from {@code init}.
   *
   * @throws IllegalArgumentException naming the models that exist, when there is none of that name; or when
   *     {@code init} does not suit the model
   */
  public static Model<?> create(String name, Object init) {
    for (Entry e : ALL) {
      if (e.name().equals(name)) {
        return e.factory().apply(init);
      }
    }
    throw new IllegalArgumentException(
        "unknown model '" + name + "'; models: " + String.join(", ", names()));
  }
}
