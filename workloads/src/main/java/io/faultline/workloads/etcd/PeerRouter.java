package io.faultline.workloads.etcd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address etcd members know one member's peer URL by, and a demultiplexer behind it, so that every directed link
 * {@code from -> to} can still go through a proxy of its own.
 *
 * <p>etcd members share one membership: every member dials member {@code to} at the same advertised peer URL, and the
 * URLs are part of the member ids, so they cannot differ per sender. This router listens on that URL. etcd's raft
 * transport (streams, pipeline and snapshots) sends the sender's own peer URLs in the {@code X-PeerURLs} header of the
 * first request on every connection, and a connection only ever carries one sender's requests; the router reads that
 * request head, names the sender, and splices the connection (head included) to {@code upstream.apply(sender)}: the
 * proxy of the link {@code sender -> to}. Connections without that header (etcd's version checks, cluster-membership
 * fetches, lease forwarding and the raft transport's own probes do not send it) go to {@code upstream.apply(null)},
 * with {@code Connection: close} added so that such a connection is never reused for raft messages.
 * When the upstream refuses, the connection is closed at once, as a refused proxy would do.
 */
final class PeerRouter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerRouter.class);
  private static final int MAX_HEAD = 64 * 1024;
  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  private final String node;
  private final ServerSocket server;
  private final Function<String, String> senderOfUrl;
  private final Function<String, InetSocketAddress> upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param node the member behind this router, for thread names
   * @param listen the advertised peer address of {@code node}
   * @param senderOfUrl the node name of a peer URL ({@code http://127.0.0.1:port}), or {@code null} if unknown
   * @param upstream where a connection from a sender goes ({@code null}: the sender is unknown)
   */
  PeerRouter(
      String node,
      InetSocketAddress listen,
      Function<String, String> senderOfUrl,
      Function<String, InetSocketAddress> upstream)
      throws IOException {
    this.node = node;
    this.senderOfUrl = senderOfUrl;
    this.upstream = upstream;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(listen, 128);
    Thread t = new Thread(this::acceptLoop, "etcd-peer-router-" + node);
    t.setDaemon(true);
    t.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket in = server.accept();
        Thread t = new Thread(() -> serve(in), "etcd-peer-route-" + node);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.debug("router of {}: {}", node, e.toString());
        }
      }
    }
  }

  private void serve(Socket in) {
    open.add(in);
    Socket out = null;
    try {
      in.setTcpNoDelay(true);
      byte[] head = readHead(in);
      String sender = sender(head);
      if (sender == null) {
        head = closeAfterResponse(head);
      }
      InetSocketAddress to = upstream.apply(sender);
      out = new Socket();
      open.add(out);
      out.setTcpNoDelay(true);
      out.connect(to, 1000);
      out.getOutputStream().write(head);
      out.getOutputStream().flush();
      Socket o = out;
      Thread back = new Thread(() -> pump(o, in), "etcd-peer-route-back-" + node);
      back.setDaemon(true);
      back.start();
      pump(in, out);
    } catch (IOException e) {
      closeQuietly(in);
      closeQuietly(out);
    }
  }

  /** The bytes up to and including the end of the first request head (or whatever came before EOF or the cap). */
  private static byte[] readHead(Socket in) throws IOException {
    in.setSoTimeout(5000);
    InputStream is = in.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
    int matched = 0;
    try {
      while (buf.size() < MAX_HEAD) {
        int b = is.read();
        if (b < 0) {
          break;
        }
        buf.write(b);
        matched = b == END_OF_HEAD[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == END_OF_HEAD.length) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // route what we have
    }
    in.setSoTimeout(0);
    return buf.toByteArray();
  }

  /**
   * The head with {@code Connection: close} added, so that the connection carries this one request only. etcd's raft
   * transport probes its peers ({@code /raft/probing}, without {@code X-PeerURLs}) over the very HTTP client it sends
   * raft messages with; were such a connection kept alive, later raft messages would reuse it and bypass the link's
   * proxy.
   */
  private static byte[] closeAfterResponse(byte[] head) {
    int end = head.length - END_OF_HEAD.length;
    if (end < 0
        || head[end] != '\r'
        || head[end + 1] != '\n'
        || head[end + 2] != '\r'
        || head[end + 3] != '\n') {
      return head;
    }
    byte[] extra = "\r\nConnection: close".getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[head.length + extra.length];
    System.arraycopy(head, 0, out, 0, end);
    System.arraycopy(extra, 0, out, end, extra.length);
    System.arraycopy(head, end, out, end + extra.length, END_OF_HEAD.length);
    return out;
  }

  private String sender(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("x-peerurls")) {
        for (String url : line.substring(colon + 1).trim().split(",")) {
          String s = senderOfUrl.apply(url.trim());
          if (s != null) {
            return s;
          }
        }
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream is = from.getInputStream();
      OutputStream os = to.getOutputStream();
      int n;
      while ((n = is.read(buf)) >= 0) {
        os.write(buf, 0, n);
        os.flush();
      }
    } catch (IOException e) {
      // one side is gone
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket s) {
    if (s != null) {
      open.remove(s);
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}
