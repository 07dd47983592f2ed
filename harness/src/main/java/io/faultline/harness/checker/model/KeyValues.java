package io.faultline.harness.checker.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable map from keys to register states, the state of {@link KvModel} when a history is checked whole. The
 * checker hashes and compares states at every step, so the hash is kept up to date on each {@link #with} (it is the
 * sum of the entries' hashes, independent of order) and equality looks at it first. Keys live in a flat array: these
 * maps are small, and copying a flat array is the cheapest copy there is.
 */
public final class KeyValues {
  private static final KeyValues EMPTY = new KeyValues(new Object[0], new Object[0], 0);

  private final Object[] keys;
  private final Object[] values;
  private final int hash;

  private KeyValues(Object[] keys, Object[] values, int hash) {
    this.keys = keys;
    this.values = values;
    this.hash = hash;
  }

  public static KeyValues empty() {
    return EMPTY;
  }

  /** The state of {@code key}, or {@code absent} when it has none. */
  public Object get(Object key, Object absent) {
    int i = indexOf(key);
    return i < 0 ? absent : values[i];
  }

  /** This map with {@code key} set to {@code value} (non-null); {@code this} when nothing changes. */
  public KeyValues with(Object key, Object value) {
    int i = indexOf(key);
    if (i >= 0) {
      if (values[i].equals(value)) {
        return this;
      }
      Object[] v = values.clone();
      v[i] = value;
      return new KeyValues(keys, v, hash - entryHash(key, values[i]) + entryHash(key, value));
    }
    Object[] k = Arrays.copyOf(keys, keys.length + 1);
    Object[] v = Arrays.copyOf(values, values.length + 1);
    k[keys.length] = key;
    v[values.length] = value;
    return new KeyValues(k, v, hash + entryHash(key, value));
  }

  public int size() {
    return keys.length;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static int entryHash(Object key, Object value) {
    return key.hashCode() * 31 ^ value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof KeyValues other) || other.hash != hash || other.keys.length != keys.length) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      Object mine = values[i];
      Object theirs = other.get(keys[i], null);
      if (!Objects.equals(mine, theirs)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.put(keys[i], Nil.unwrap(values[i]));
    }
    return Values.show(m);
  }
}
