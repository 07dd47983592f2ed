package io.faultline.raft.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.raft.NodeStatus;
import io.faultline.raft.RaftNode;
import io.faultline.raft.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint: HTTP+JSON, bound to the client host (loopback by default).
 * {@code GET /status} returns {@code id, role, term, leader, votedFor, commitIndex, lastApplied, snapshotIndex,
 * lastIndex, durableIndex, logSize, readMode, unsafe, wallClockMillis}. {@code role} is one of {@code follower,
 * pre-candidate, candidate, leader}; {@code leader} is null when unknown. {@code wallClockMillis} is the node's own
 * wall clock, so that tests can see a clock fault from inside the node. A node whose core does not answer within
 * two seconds gets 503. {@code POST /transfer-leadership?to=ID} hands leadership to another member (thesis §3.10).
 */
final class AdminServer implements AutoCloseable {
  private final HttpServer server;
  private final RaftNode node;

  AdminServer(RaftNode node, InetSocketAddress address) throws IOException {
    this.node = node;
    this.server = HttpServer.create(address, 16);
    server.createContext("/status", this::status);
    server.createContext("/transfer-leadership", this::transfer);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "admin-http");
              t.setDaemon(true);
              return t;
            }));
  }

  void start() {
    server.start();
  }

  private void status(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod())) {
        send(ex, 405, "{\"error\":\"use GET\"}");
        return;
      }
      NodeStatus s;
      try {
        s = node.status().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        send(ex, 503, "{\"error\":\"node not responding\"}");
        return;
      }
      send(ex, 200, toJson(s));
    }
  }

  /** {@code POST /transfer-leadership?to=ID}: 200 once TimeoutNow is sent, 409 otherwise (thesis §3.10). */
  private void transfer(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getQuery();
      if (!"POST".equals(ex.getRequestMethod()) || query == null || !query.startsWith("to=")) {
        send(ex, 400, "{\"error\":\"use POST /transfer-leadership?to=ID\"}");
        return;
      }
      CompletableFuture<Reply> reply = new CompletableFuture<>();
      node.transferLeadership(query.substring(3), reply::complete);
      Reply r;
      try {
        r = reply.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        send(ex, 503, "{\"error\":\"node not responding\"}");
        return;
      }
      if (r.status() == Reply.Status.OK) {
        send(ex, 200, "{\"ok\":true,\"to\":" + quote(query.substring(3)) + "}");
      } else {
        send(
            ex,
            409,
            "{\"ok\":false,\"error\":"
                + quote(r.status().name().toLowerCase(java.util.Locale.ROOT))
                + ",\"leader\":"
                + quote(r.leader())
                + "}");
      }
    }
  }

  static String toJson(NodeStatus s) {
    StringBuilder unsafe = new StringBuilder("[");
    for (String u : s.unsafe()) {
      unsafe.append(unsafe.length() > 1 ? "," : "").append(quote(u));
    }
    unsafe.append(']');
    return "{\"id\":"
        + quote(s.id())
        + ",\"role\":"
        + quote(s.role().label())
        + ",\"term\":"
        + s.term()
        + ",\"leader\":"
        + quote(s.leader())
        + ",\"votedFor\":"
        + quote(s.votedFor())
        + ",\"commitIndex\":"
        + s.commitIndex()
        + ",\"lastApplied\":"
        + s.lastApplied()
        + ",\"snapshotIndex\":"
        + s.snapshotIndex()
        + ",\"lastIndex\":"
        + s.lastIndex()
        + ",\"durableIndex\":"
        + s.durableIndex()
        + ",\"logSize\":"
        + s.logSize()
        + ",\"readMode\":"
        + quote(s.readMode().flag())
        + ",\"unsafe\":"
        + unsafe
        + ",\"wallClockMillis\":"
        + System.currentTimeMillis()
        + "}";
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
