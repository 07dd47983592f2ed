package io.faultline.raft.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.raft.LogTerms;
import io.faultline.raft.NodeStatus;
import io.faultline.raft.RaftNode;
import io.faultline.raft.Reply;
import io.faultline.raft.kv.AppliedDigest;
import io.faultline.raft.kv.KvStateMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>For checks that look below the clients' view:
 *
 * <ul>
 *   <li>{@code GET /digest} gives {@code lastApplied} and the state machine's digest there ({@link AppliedDigest}):
 *       {@code {"index":I,"digest":"chain-state","chain":...,"state":...,"command":C,"oldest":O}}, where
 *       {@code command} is the last command applied at or before {@code I} (later entries are no-ops) and
 *       {@code oldest} the oldest index the ring still answers for. {@code GET /digest?index=I} gives the digest at
 *       {@code I}; 404 with {@code "error":"not-applied"} when the node has not applied {@code I} yet, or
 *       {@code "error":"forgotten"} when {@code I} is older than the ring (or than the snapshot it installed).
 *   <li>{@code GET /log-terms?from=I&to=J} gives {@code {"snapshotIndex":S,"snapshotTerm":T,"lastIndex":L,
 *       "from":F,"terms":[...]}}: the term of every entry from {@code F = max(I, S+1)} to {@code min(J, L)}
 *       (at most {@value LogTerms#MAX_RANGE}); entries up to {@code S} are compacted, see {@link LogTerms}.
 * </ul>
 */
final class AdminServer implements AutoCloseable {
  private final HttpServer server;
  private final RaftNode node;
  private final KvStateMachine stateMachine;

  AdminServer(RaftNode node, KvStateMachine stateMachine, InetSocketAddress address)
      throws IOException {
    this.node = node;
    this.stateMachine = stateMachine;
    this.server = HttpServer.create(address, 16);
    server.createContext("/status", this::status);
    server.createContext("/digest", this::digest);
    server.createContext("/log-terms", this::logTerms);
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

  /** {@code GET /digest[?index=I]}: the state machine's digest at {@code I}, by default at lastApplied. */
  private void digest(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = query(ex);
      String index = q.get("index");
      if (!"GET".equals(ex.getRequestMethod())
          || !q.keySet().stream().allMatch("index"::equals)
          || (index != null && !index.matches("\\d{1,18}"))) {
        send(ex, 400, "{\"error\":\"use GET /digest or GET /digest?index=N\"}");
        return;
      }
      NodeStatus s;
      try {
        s = node.status().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        send(ex, 503, "{\"error\":\"node not responding\"}");
        return;
      }
      long at = index == null ? s.lastApplied() : Long.parseLong(index);
      long oldest = stateMachine.oldestDigestIndex();
      if (at > s.lastApplied()) {
        send(ex, 404, digestError("not-applied", at, s.lastApplied(), oldest));
        return;
      }
      Optional<AppliedDigest> d = stateMachine.digestAt(at);
      if (d.isEmpty()) {
        send(ex, 404, digestError("forgotten", at, s.lastApplied(), oldest));
        return;
      }
      send(
          ex,
          200,
          String.format(
              "{\"index\":%d,\"digest\":\"%s\",\"chain\":%d,\"state\":%d,\"command\":%d,\"oldest\":%d}",
              at, d.get().value(), d.get().chain(), d.get().state(), d.get().index(), oldest));
    }
  }

  private static String digestError(String error, long index, long lastApplied, long oldest) {
    return String.format(
        "{\"error\":\"%s\",\"index\":%d,\"lastApplied\":%d,\"oldest\":%d}",
        error, index, lastApplied, oldest);
  }

  /** {@code GET /log-terms?from=I&to=J}: the terms of the entries still in the log (see {@link LogTerms}). */
  private void logTerms(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = query(ex);
      String from = q.get("from");
      String to = q.get("to");
      if (!"GET".equals(ex.getRequestMethod())
          || q.size() != 2
          || from == null
          || to == null
          || !from.matches("\\d{1,18}")
          || !to.matches("\\d{1,18}")) {
        send(ex, 400, "{\"error\":\"use GET /log-terms?from=I&to=J\"}");
        return;
      }
      LogTerms t;
      try {
        t = node.logTerms(Long.parseLong(from), Long.parseLong(to)).get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        send(ex, 503, "{\"error\":\"node not responding\"}");
        return;
      }
      StringBuilder terms = new StringBuilder("[");
      for (int i = 0; i < t.terms().length; i++) {
        terms.append(i == 0 ? "" : ",").append(t.terms()[i]);
      }
      send(
          ex,
          200,
          String.format(
              "{\"snapshotIndex\":%d,\"snapshotTerm\":%d,\"lastIndex\":%d,\"from\":%d,\"terms\":%s]}",
              t.snapshotIndex(), t.snapshotTerm(), t.lastIndex(), t.from(), terms));
    }
  }

  /** The query's parameters; a parameter without a value maps to the empty string. */
  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q != null && !q.isEmpty()) {
      for (String p : q.split("&")) {
        int eq = p.indexOf('=');
        out.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
      }
    }
    return out;
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
