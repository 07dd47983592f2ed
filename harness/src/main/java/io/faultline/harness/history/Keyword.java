package io.faultline.harness.history;

import java.util.Objects;

/**
 * An EDN keyword such as {@code :x}, kept distinct from strings so that EDN histories round-trip. JSON has no
 * keywords: the JSON codec writes a keyword as its name.
 *
 * @param name the name without the leading colon, e.g. {@code "x"} for {@code :x}
 */
public record Keyword(String name) implements Comparable<Keyword> {
  public Keyword {
    Objects.requireNonNull(name, "name");
  }

  /** The keyword {@code :name}. */
  public static Keyword of(String name) {
    return new Keyword(name);
  }

  @Override
  public int compareTo(Keyword o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return ":" + name;
  }
}
