package io.faultline.workloads.etcd;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A lean client of etcd's v3 JSON gateway ({@code POST /v3/kv/range|put|txn}, {@code /v3/maintenance/status}; keys
 * and values in base64), shared by the workload clients, the cluster's leader lookup and the JMH benchmarks.
 *
 * <p>Lean by design: one pool of keep-alive HTTP/1.1 connections per gateway (idle connections kept per member),
 * blocking sockets with no selector thread, request bodies written by hand, and responses scanned for the few fields
 * the caller needs ({@link EtcdJson}) rather than bound to objects. A connection that fails in any way is closed, never
 * pooled again.
 *
 * <p>Each request gives up at the gateway's timeout, measured from its start. Failures are classified for the
 * history: a connection that could not be made, and etcd's errors raised before a request is proposed (no leader, too
 * many requests, ...), are definite; a timeout or a connection lost after the request was sent, and any other etcd
 * error, leave the outcome unknown. Thread-safe; one request per connection at a time.
 */
public final class EtcdGateway implements AutoCloseable {
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder UNB64 = Base64.getDecoder();
  private static final Duration MAX_CONNECT = Duration.ofSeconds(1);

  /** etcd errors returned before a request is proposed to raft: the request certainly did not take effect. */
  private static final Set<String> DEFINITE =
      Set.of(
          "etcdserver: too many requests",
          "etcdserver: no leader",
          "etcdserver: not capable",
          "etcdserver: request is too large",
          "etcdserver: server stopped",
          "etcdserver: unhealthy cluster");

  /**
   * A key's value and the revision of its last change; {@code value} is null and {@code modRevision} 0 when the key
   * is absent.
   */
  public record Kv(String value, long modRevision) {
    static final Kv ABSENT = new Kv(null, 0);
  }

  private final long timeoutNanos;
  private final Map<InetSocketAddress, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** @param timeout how long one request may take, connecting included */
  public EtcdGateway(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /** The key's value; {@code serializable} reads are answered by {@code member} from its own state. */
  public Kv get(InetSocketAddress member, String key, boolean serializable) throws EtcdException {
    return kv(
        post(
            member,
            "/v3/kv/range",
            "{\"key\":\"" + b64(key) + "\"" + (serializable ? ",\"serializable\":true}" : "}")));
  }

  /** Sets the key's value. */
  public void put(InetSocketAddress member, String key, String value) throws EtcdException {
    post(member, "/v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}");
  }

  /** Sets the key to {@code to} if it holds {@code from}, in one txn; true when it did. */
  public boolean compareAndSet(InetSocketAddress member, String key, String from, String to)
      throws EtcdException {
    String k = b64(key);
    String body =
        post(
            member,
            "/v3/kv/txn",
            "{\"compare\":[{\"key\":\""
                + k
                + "\",\"target\":\"VALUE\",\"result\":\"EQUAL\",\"value\":\""
                + b64(from)
                + "\"}],\"success\":[{\"request_put\":"
                + "{\"key\":\""
                + k
                + "\",\"value\":\""
                + b64(to)
                + "\"}}]}");
    return "true".equals(EtcdJson.field(body, "succeeded"));
  }

  /**
   * Sets the key to {@code value} if its last change is still {@code modRevision} (0: the key is absent), in one txn.
   *
   * @return null when it did; otherwise the key's current value, read in the same txn
   */
  public Kv putIfUnchanged(InetSocketAddress member, String key, long modRevision, String value)
      throws EtcdException {
    String k = b64(key);
    String body =
        post(
            member,
            "/v3/kv/txn",
            "{\"compare\":[{\"key\":\""
                + k
                + "\",\"target\":\"MOD\",\"result\":\"EQUAL\",\"mod_revision\":\""
                + modRevision
                + "\"}],\"success\":[{"
                + "\"request_put\":{\"key\":\""
                + k
                + "\",\"value\":\""
                + b64(value)
                + "\"}}],\"failure\":[{\"request_range\":"
                + "{\"key\":\""
                + k
                + "\"}}]}");
    return "true".equals(EtcdJson.field(body, "succeeded")) ? null : kv(body);
  }

  /** The member's {@code /v3/maintenance/status}: its own member id and the leader it knows ("0": none). */
  public EtcdStatus status(InetSocketAddress member) throws EtcdException {
    String body = post(member, "/v3/maintenance/status", "{}");
    String leader = EtcdJson.field(body, "leader");
    return new EtcdStatus(
        String.valueOf(EtcdJson.field(body, "member_id")), leader == null ? "0" : leader);
  }

  /** The first key-value of a range (or a txn's range) response. */
  private static Kv kv(String body) {
    String rev = EtcdJson.field(body, "mod_revision");
    if (rev == null) {
      return Kv.ABSENT;
    }
    String value = EtcdJson.field(body, "value");
    return new Kv(
        value == null ? "" : new String(UNB64.decode(value), StandardCharsets.UTF_8),
        Long.parseLong(rev));
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Posts {@code json} to {@code path} on {@code member}; returns the body of a 200 answer without an error. */
  String post(InetSocketAddress member, String path, String json) throws EtcdException {
    long deadline = System.nanoTime() + timeoutNanos;
    Connection c = take(member, deadline);
    String body;
    int status;
    try {
      c.send(request(member, path, json));
      status = c.readResponse(deadline);
      body = c.body();
    } catch (SocketTimeoutException e) {
      c.close();
      throw new EtcdException("timed out", false);
    } catch (IOException e) {
      c.close();
      throw new EtcdException(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
    }
    release(member, c);
    if (status != 200 || body.contains("\"error\":")) {
      String error = EtcdJson.field(body, "error");
      String msg = error != null ? error : "HTTP " + status;
      throw new EtcdException(msg, DEFINITE.contains(msg));
    }
    return body;
  }

  private static byte[] request(InetSocketAddress member, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + member.getHostString()
                + ":"
                + member.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  private Connection take(InetSocketAddress member, long deadline) throws EtcdException {
    Deque<Connection> pool = idle.get(member);
    Connection c = pool == null ? null : pool.pollFirst();
    if (c != null) {
      return c;
    }
    long left = Math.min(deadline - System.nanoTime(), MAX_CONNECT.toNanos());
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(member, (int) Math.max(1, left / 1_000_000));
      return new Connection(s);
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new EtcdException("connect timed out", true);
    } catch (ConnectException | NoRouteToHostException e) {
      closeQuietly(s);
      throw new EtcdException("connection refused", true);
    } catch (IOException e) {
      closeQuietly(s);
      throw new EtcdException("cannot connect: " + e.getMessage(), true);
    }
  }

  private void release(InetSocketAddress member, Connection c) {
    if (closed || !c.keepAlive) {
      c.close();
      return;
    }
    idle.computeIfAbsent(member, m -> new ConcurrentLinkedDeque<>()).offerFirst(c);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Closes every idle connection; requests under way close theirs when they end. */
  @Override
  public void close() {
    closed = true;
    idle.values()
        .forEach(
            pool -> {
              for (Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
                c.close();
              }
            });
  }

  /** One keep-alive connection with its own read buffer; reads never wait past the request's deadline. */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private long deadline;
    private byte[] body = new byte[0];
    boolean keepAlive = true;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    void send(byte[] request) throws IOException {
      out.write(request);
      out.flush();
    }

    /** Reads one response: its status code; the body is then {@link #body()}. */
    int readResponse(long deadline) throws IOException {
      this.deadline = deadline;
      String statusLine = line();
      int sp = statusLine.indexOf(' ');
      if (sp < 0 || statusLine.length() < sp + 4) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
      int length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon).trim();
        String value = colon < 0 ? "" : h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          keepAlive = !value.equalsIgnoreCase("close");
        }
      }
      body = chunked ? chunked() : length >= 0 ? bytes(length) : untilEof();
      return status;
    }

    String body() {
      return new String(body, StandardCharsets.UTF_8);
    }

    private byte[] chunked() throws IOException {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        all.write(bytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      return all.toByteArray();
    }

    private int chunkSize() throws IOException {
      String l = line();
      int semi = l.indexOf(';');
      return Integer.parseInt((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    private byte[] untilEof() throws IOException {
      keepAlive = false;
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      while (fill()) {
        all.write(buf, pos, lim - pos);
        pos = lim;
      }
      return all.toByteArray();
    }

    private byte[] bytes(int n) throws IOException {
      byte[] b = new byte[n];
      int got = 0;
      while (got < n) {
        if (pos == lim && !fill()) {
          throw new EOFException("etcd closed the connection mid-response");
        }
        int k = Math.min(n - got, lim - pos);
        System.arraycopy(buf, pos, b, got, k);
        pos += k;
        got += k;
      }
      return b;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      while (true) {
        if (pos == lim && !fill()) {
          throw new EOFException("etcd closed the connection");
        }
        byte c = buf[pos++];
        if (c == '\n') {
          return sb.toString();
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
    }

    /** Reads more bytes, waiting no longer than the deadline; false at end of stream. */
    private boolean fill() throws IOException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        return false;
      }
      pos = 0;
      lim = n;
      return true;
    }

    void close() {
      closeQuietly(socket);
    }
  }
}
