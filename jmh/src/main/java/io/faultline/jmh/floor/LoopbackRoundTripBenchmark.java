package io.faultline.jmh.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
 * One round trip of 16 bytes over a loopback TCP connection (no Nagle) to an echo thread in this JVM, blocking
 * sockets on both ends, the way the stores' clients talk to them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopbackRoundTripBenchmark {
  private static final int SIZE = 16;

  private ServerSocket server;
  private Thread echo;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private final byte[] message = new byte[SIZE];
  private final byte[] answer = new byte[SIZE];

  @Setup(Level.Trial)
  public void connect() throws IOException {
    server = Loopback.listen();
    echo = new Thread(this::echo, "echo");
    echo.setDaemon(true);
    echo.start();
    socket = Loopback.connect(server.getLocalPort());
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  private void echo() {
    try (Socket s = server.accept()) {
      s.setTcpNoDelay(true);
      InputStream i = s.getInputStream();
      OutputStream o = s.getOutputStream();
      byte[] buf = new byte[SIZE];
      while (i.readNBytes(buf, 0, SIZE) == SIZE) {
        o.write(buf);
      }
    } catch (IOException e) {
      // the benchmark closed the connection
    }
  }

  @Benchmark
  public byte[] roundTrip() throws IOException {
    return Loopback.exchange(out, in, message, answer, "the echo");
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, InterruptedException {
    socket.close();
    server.close();
    echo.join(1000);
  }
}
