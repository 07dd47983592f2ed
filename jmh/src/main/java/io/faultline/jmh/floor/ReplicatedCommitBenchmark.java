package io.faultline.jmh.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The least a replicated commit of three local members costs on this machine, measured rather than summed: the
 * message pattern of a Raft write with nothing else in it. The benchmark thread is the client; a leader thread and two
 * follower threads each own a file of their own ({@link DsyncFile}) and talk over loopback TCP without Nagle.
 *
 * <p>One operation: the client sends 16 bytes to the leader; the leader forwards them to both followers, then writes
 * its own 4 KiB block durably; each follower writes its block durably and acknowledges; once the leader's write and
 * the first acknowledgement are in (two of three members, Raft §5.3), the leader answers the client. No log, no
 * framing, no state machine: a store that commits a client's write through three members of this machine cannot do
 * better than this, so it is the floor the store's commit latency is compared with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplicatedCommitBenchmark {
  private static final int SIZE = 16;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private OutputStream toLeader;
  private InputStream fromLeader;
  private final byte[] request = new byte[SIZE];
  private final byte[] reply = new byte[SIZE];

  @Setup(Level.Trial)
  public void start() throws IOException {
    ServerSocket follower1 = listen();
    ServerSocket follower2 = listen();
    ServerSocket leader = listen();
    serve("follower-1", follower1, this::follow);
    serve("follower-2", follower2, this::follow);
    serve("leader", leader, s -> lead(s, follower1.getLocalPort(), follower2.getLocalPort()));
    Socket client = connect(leader.getLocalPort());
    toLeader = client.getOutputStream();
    fromLeader = client.getInputStream();
  }

  @Benchmark
  public byte[] commit() throws IOException {
    return Loopback.exchange(toLeader, fromLeader, request, reply, "the leader");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
    for (Thread t : threads) {
      t.join(1000);
    }
  }

  /** A member: one connection in, a loop over it. */
  private interface Member {
    void run(Socket peer) throws IOException;
  }

  private ServerSocket listen() throws IOException {
    ServerSocket s = Loopback.listen();
    resources.add(s);
    return s;
  }

  private Socket connect(int port) throws IOException {
    Socket s = Loopback.connect(port);
    resources.add(s);
    return s;
  }

  private void serve(String name, ServerSocket server, Member member) {
    Thread t =
        new Thread(
            () -> {
              try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                member.run(s);
              } catch (IOException e) {
                // the benchmark closed the connections
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /** A follower: each message is written durably, then acknowledged. */
  private void follow(Socket leader) throws IOException {
    try (DsyncFile file = DsyncFile.create("faultline-commit-floor-")) {
      InputStream in = leader.getInputStream();
      OutputStream out = leader.getOutputStream();
      byte[] buf = new byte[SIZE];
      while (in.readNBytes(buf, 0, SIZE) == SIZE) {
        file.write(0);
        out.write(buf);
      }
    }
  }

  /** The leader: forwards, writes its own block, and answers after the first follower's acknowledgement. */
  private void lead(Socket client, int follower1, int follower2) throws IOException {
    try (DsyncFile file = DsyncFile.create("faultline-commit-floor-");
        Selector selector = Selector.open();
        SocketChannel first = open(follower1, selector);
        SocketChannel second = open(follower2, selector)) {
      // Closing them ends the followers' loops when the client goes away.
      SocketChannel[] followers = {first, second};
      long[] acked = new long[followers.length];
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] buf = new byte[SIZE];
      ByteBuffer ack = ByteBuffer.allocate(SIZE * 64);
      for (long seq = 1; in.readNBytes(buf, 0, SIZE) == SIZE; seq++) {
        for (SocketChannel f : followers) {
          f.write(ByteBuffer.wrap(buf));
        }
        file.write(0);
        awaitFirstAck(selector, followers, acked, seq, ack);
        out.write(buf);
      }
    }
  }

  private static SocketChannel open(int port, Selector selector) throws IOException {
    SocketChannel c =
        SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.configureBlocking(false);
    c.register(selector, SelectionKey.OP_READ, c);
    return c;
  }

  /** Reads acknowledgements (whole or partial) until one follower has acknowledged {@code seq} messages. */
  private static void awaitFirstAck(
      Selector selector, SocketChannel[] followers, long[] ackedBytes, long seq, ByteBuffer scratch)
      throws IOException {
    while (true) {
      for (int i = 0; i < followers.length; i++) {
        scratch.clear();
        int n = followers[i].read(scratch);
        if (n < 0) {
          throw new IOException("a follower closed its connection");
        }
        ackedBytes[i] += n;
        if (ackedBytes[i] >= seq * SIZE) {
          return;
        }
      }
      selector.select();
      selector.selectedKeys().clear();
    }
  }
}
