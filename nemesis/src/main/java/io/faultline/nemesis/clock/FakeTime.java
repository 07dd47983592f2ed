package io.faultline.nemesis.clock;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One node's clock as libfaketime reads it from the node's timestamp file: an offset from the true time and a rate.
 * libfaketime, with {@code FAKETIME_NO_CACHE=1}, reads the file on every clock call, so a new file takes effect at
 * once, for {@code System.currentTimeMillis()} and {@code System.nanoTime()} alike.
 *
 * <p>The rate counts from the node process's start: setting {@code x1.5} on a node that has run for 40 s moves its
 * clocks 20 s forward at once, and resetting it moves them back.
 *
 * <p>Clocks that move backwards are a harsher fault than a real clock step, since real monotonic clocks never go
 * back. When a node's clock goes back by d, every timer it had set fires d later; and a thread that was already
 * waiting on a timer keeps waiting in real time, so when the clock later goes forward again (a reset), that thread
 * (e.g. the node's scheduler) can stay asleep for up to d, and the node may not answer meanwhile.
 *
 * @param offsetMillis the offset from the true time, in milliseconds
 * @param rate how fast the node's clocks run, 1 for true speed
 */
public record FakeTime(long offsetMillis, double rate) {
  /** The true time. */
  public static final FakeTime TRUE = new FakeTime(0, 1.0);

  public FakeTime {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("a clock rate must be positive, not " + rate);
    }
  }

  /** This clock at another offset, at the same rate. */
  public FakeTime withOffset(long millis) {
    return new FakeTime(millis, rate);
  }

  /** This clock at another rate, with the same offset. */
  public FakeTime withRate(double r) {
    return new FakeTime(offsetMillis, r);
  }

  /**
   * The line libfaketime reads: a signed offset in seconds ({@code +0}, {@code +60.000}, {@code -0.250}), then
   * {@code x} and the rate when it is not 1 ({@code +0 x1.5}).
   */
  public String spec() {
    String offset =
        offsetMillis == 0 ? "+0" : String.format(Locale.ROOT, "%+.3f", offsetMillis / 1000.0);
    return rate == 1.0 ? offset : offset + " x" + rate;
  }

  /**
   * Writes this clock to {@code file} atomically (a sibling file, then a rename), so a node never reads a half-written
   * file.
   */
  public void writeTo(Path file) {
    io.faultline.harness.spi.db.ClockSkewable.write(file, spec());
  }
}
