package io.faultline.jmh.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acknowledged writes per second from {@code clients} concurrent clients, each with its own connection writing its
 * own key in a closed loop, with values of {@code valueSize} bytes.
 *
 * <p>The client count is a {@code @Param}, not JMH's {@code @Threads}, so that one run sweeps it. The clients are
 * threads of this state; each acknowledged write puts a token in a queue bounded by the client count, and one
 * benchmark operation takes one token. So the score is the store's rate of acknowledged writes, and between
 * iterations at most {@code clients} writes are banked (the clients block on the full queue).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class WriteThroughputBenchmark {
  private static final long STALL_SECONDS = 10;

  @Param({"raft", "etcd"})
  public String store;

  @Param({"1", "8", "64"})
  public int clients;

  @Param({"16", "1024"})
  public int valueSize;

  private StoreCluster cluster;
  private BlockingQueue<Boolean> acks;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  @Setup(Level.Trial)
  public void start() {
    cluster = StoreCluster.start(store);
    acks = new ArrayBlockingQueue<>(clients);
    running = true;
    String value = "x".repeat(valueSize);
    for (int i = 0; i < clients; i++) {
      KvSession session = cluster.session();
      String key = "k" + i;
      Thread t = new Thread(() -> writeLoop(session, key, value), "client-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  private void writeLoop(KvSession session, String key, String value) {
    try (session) {
      while (running) {
        session.write(key, value);
        acks.put(Boolean.TRUE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /**
   * One acknowledged write of one of the clients. A client whose write fails stops, and so does the benchmark: a
   * healthy cluster on loopback answers within the client's timeout, and fewer clients would measure something else.
   */
  @Benchmark
  public Boolean acknowledgedWrite() throws InterruptedException {
    Boolean ack = acks.poll(STALL_SECONDS, TimeUnit.SECONDS);
    Throwable f = failure.get();
    if (f != null) {
      throw new IllegalStateException("a client's write failed", f);
    }
    if (ack == null) {
      throw new IllegalStateException("no write acknowledged for " + STALL_SECONDS + " s");
    }
    return ack;
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Thread t : workers) {
      t.join(TimeUnit.SECONDS.toMillis(6));
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
