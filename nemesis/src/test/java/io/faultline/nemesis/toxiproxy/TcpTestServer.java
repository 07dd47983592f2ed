package io.faultline.nemesis.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real TCP server on loopback for the proxy tests: an echo server, or one that greets and hangs up. */
final class TcpTestServer implements AutoCloseable {
  /** What the server does with each accepted socket. */
  interface Handler {
    void serve(Socket socket) throws IOException;
  }

  private final ServerSocket listener;
  private final Handler handler;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();

  private TcpTestServer(Handler handler) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.handler = handler;
    Thread acceptor = new Thread(this::acceptLoop, "test-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Writes back every byte it reads, until the client closes. */
  static TcpTestServer echo() throws IOException {
    return new TcpTestServer(
        socket -> {
          InputStream in = socket.getInputStream();
          OutputStream out = socket.getOutputStream();
          byte[] buf = new byte[64 * 1024];
          int n;
          while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
          }
        });
  }

  /** Writes {@code greeting} and closes the connection. */
  static TcpTestServer greetAndClose(byte[] greeting) throws IOException {
    return new TcpTestServer(socket -> socket.getOutputStream().write(greeting));
  }

  /** {@code 127.0.0.1:port}, as the API takes an upstream. */
  String address() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  /** How many connections it has accepted so far. */
  int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        accepted.incrementAndGet();
        sockets.add(socket);
        Thread t = new Thread(() -> serve(socket), "test-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      handler.serve(socket);
    } catch (IOException e) {
      // the peer went away: nothing to do
    } finally {
      sockets.remove(socket);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
