package io.faultline.jmh.proxy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.harness.cluster.Ports;
import io.faultline.nemesis.toxiproxy.ToxiproxyServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 64-byte request/response round trip to a loopback echo server, {@code direct} or through one proxy of
 * Faultline's Toxiproxy-compatible server with no toxics ({@code proxied}), side by side in one run: the difference
 * of the medians is what one hop adds (the bar: under 100 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ProxyHopBenchmark {

  @Param({"direct", "proxied"})
  public String path;

  private ServerSocket echo;
  private Thread echoThread;
  private ToxiproxyServer server;
  private Socket socket;
  private OutputStream out;
  private DataInputStream in;
  private final byte[] message = new byte[64];
  private final byte[] reply = new byte[64];

  @Setup(Level.Trial)
  public void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoThread = new Thread(this::serve, "echo");
    echoThread.setDaemon(true);
    echoThread.start();
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", echo.getLocalPort());
    if (path.equals("proxied")) {
      server = ToxiproxyServer.onFreePort().start();
      int port = Ports.free(1).get(0);
      new ToxiproxyClient(server.host(), server.port())
          .createProxy("bench", "127.0.0.1:" + port, "127.0.0.1:" + echo.getLocalPort());
      target = new InetSocketAddress("127.0.0.1", port);
    }
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(target, 5000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  private void serve() {
    while (!echo.isClosed()) {
      try (Socket s = echo.accept()) {
        s.setTcpNoDelay(true);
        InputStream i = s.getInputStream();
        OutputStream o = s.getOutputStream();
        byte[] buf = new byte[64];
        int n;
        while ((n = i.read(buf)) > 0) {
          o.write(buf, 0, n);
        }
      } catch (IOException e) {
        // the benchmark ended or the connection closed
      }
    }
  }

  /** One round trip; returns the first byte of the reply. */
  @Benchmark
  public byte roundTrip() throws IOException {
    out.write(message);
    out.flush();
    in.readFully(reply);
    return reply[0];
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    socket.close();
    if (server != null) {
      server.close();
    }
    echo.close();
  }
}
