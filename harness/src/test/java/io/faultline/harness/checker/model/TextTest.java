package io.faultline.harness.checker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A {@link Text} reads, hashes and compares as the string it stands for, however appends split it. */
class TextTest {

  @Test
  void aTextReadsAndHashesAsItsString() {
    Text t = Text.of(null).append("x1 ").append("").append("x22 ").append("x333 ");
    assertThat(t.toString()).isEqualTo("x1 x22 x333 ");
    assertThat(t.length()).isEqualTo(12);
    assertThat(t.hashCode()).isEqualTo("x1 x22 x333 ".hashCode());
    assertThat(t.contentEquals("x1 x22 x333 ")).isTrue();
    assertThat(t.contentEquals("x1 x22 x334 ")).isFalse();
    assertThat(t.contentEquals("x1 x22 x333")).isFalse();
    assertThat(Values.same(t, "x1 x22 x333 ")).isTrue();
    assertThat(Values.same("x1 x22 x333 ", t)).isTrue();
    assertThat(Values.show(t)).isEqualTo("\"x1 x22 x333 \"");
    assertThat(t).isNotEqualTo("x1 x22 x333 ");
  }

  @Test
  void textsOfTheSameContentAreEqualHoweverTheyWereSplit() {
    SplittableRandom rnd = new SplittableRandom(20);
    for (int i = 0; i < 2000; i++) {
      String s = randomString(rnd);
      Text a = split(s, rnd);
      Text b = split(s, rnd);
      assertThat(a).as("%s", s).isEqualTo(b);
      assertThat(a.hashCode()).isEqualTo(s.hashCode()).isEqualTo(b.hashCode());
      assertThat(a.contentEquals(s)).isTrue();
      String other = mutate(s, rnd);
      Text c = split(other, rnd);
      assertThat(a.equals(c)).as("%s vs %s", s, other).isEqualTo(s.equals(other));
      assertThat(c.equals(a)).isEqualTo(s.equals(other));
      assertThat(a.contentEquals(other)).isEqualTo(s.equals(other));
    }
  }

  private static String randomString(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(3)));
    }
    return sb.toString();
  }

  private static String mutate(String s, SplittableRandom rnd) {
    if (s.isEmpty() || rnd.nextBoolean()) {
      return s + (rnd.nextBoolean() ? "" : "a");
    }
    int i = rnd.nextInt(s.length());
    return s.substring(0, i) + (char) ('a' + rnd.nextInt(3)) + s.substring(i + 1);
  }

  /** {@code s} as a text built by appends of random lengths, from a string or from nothing. */
  private static Text split(String s, SplittableRandom rnd) {
    int first = rnd.nextInt(s.length() + 1);
    Text t =
        rnd.nextBoolean()
            ? Text.of(s.substring(0, first))
            : Text.of(null).append(s.substring(0, first));
    for (int i = first; i < s.length(); ) {
      int j = i + 1 + rnd.nextInt(s.length() - i);
      t = t.append(s.substring(i, j));
      i = j;
    }
    return t;
  }
}
