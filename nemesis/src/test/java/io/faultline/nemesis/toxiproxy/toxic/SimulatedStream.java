package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One stage on a simulated clock, for tests that assert exactly what leaves a stage and when: time only moves in
 * {@link #advanceMillis}, timers run in due order, and randomness comes from a fixed seed.
 */
final class SimulatedStream implements StageContext {
  /** What left the stage: a chunk (its text) or the end of the stream, at a simulated time. */
  record Output(long atMillis, String text) {
    static final String END = "<end>";
  }

  private record Timer(long due, long seq, FutureTask<Void> task) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final Random random = new Random(42);
  private final List<Output> outputs = new ArrayList<>();
  private final Stage stage;
  private long now;
  private long seq;
  private long discarded;
  private boolean reset;

  /** A stream through one toxic of {@code type} with {@code attributes}. */
  SimulatedStream(ToxicType type, Map<String, Long> attributes) {
    this.stage =
        type.newStage(new ToxicSpec("t", type, Direction.DOWNSTREAM, 1f, attributes), this);
    this.stage.linkTo(
        new Stage() {
          @Override
          public void onData(ByteBuf buf) {
            outputs.add(new Output(nowMillis(), buf.toString(StandardCharsets.UTF_8)));
            buf.release();
          }

          @Override
          public void onEnd() {
            outputs.add(new Output(nowMillis(), Output.END));
          }
        });
  }

  Stage stage() {
    return stage;
  }

  void send(String text) {
    stage.onData(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  void end() {
    stage.onEnd();
  }

  /** Moves the clock forward, running every timer that comes due, in order. */
  void advanceMillis(long millis) {
    long until = now + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!timers.isEmpty() && timers.peek().due() <= until) {
      Timer t = timers.poll();
      now = Math.max(now, t.due());
      t.task().run();
    }
    now = until;
  }

  List<Output> outputs() {
    return outputs;
  }

  /** The text that left the stage, concatenated. */
  String received() {
    StringBuilder all = new StringBuilder();
    outputs.stream().filter(o -> !o.text().equals(Output.END)).forEach(o -> all.append(o.text()));
    return all.toString();
  }

  boolean ended() {
    return outputs.stream().anyMatch(o -> o.text().equals(Output.END));
  }

  long discardedBytes() {
    return discarded;
  }

  boolean wasReset() {
    return reset;
  }

  private long nowMillis() {
    return TimeUnit.NANOSECONDS.toMillis(now);
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Future<?> schedule(long delayNanos, Runnable task) {
    FutureTask<Void> future = new FutureTask<>(task, null);
    timers.add(new Timer(now + Math.max(0, delayNanos), seq++, future));
    return future;
  }

  @Override
  public void discard(ByteBuf buf) {
    discarded += buf.readableBytes();
    buf.release();
  }

  @Override
  public void resetOnClose() {
    reset = true;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }
}
