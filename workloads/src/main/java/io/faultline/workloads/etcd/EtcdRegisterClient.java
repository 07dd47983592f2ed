package io.faultline.workloads.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.harness.history.Op;
import io.faultline.harness.runner.Client;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The register workload's client for etcd, over the v3 JSON gateway: {@code [k v]} ops become {@code range},
 * {@code put} and a {@code txn} comparing the value (cas) on key {@code k}, with values as decimal strings.
 *
 * <p>Each worker's client is bound to its node: reads always go there (so a member answering a serializable read from
 * its own stale state is caught); writes start there too and move on to the next member after a failure, and the
 * worker's next clients (after an {@code info}) start their writes where the last one moved to. Reads are
 * linearizable unless {@code serializable}. Outcomes: a cas whose compare fails, any failed read, a refused
 * connection and etcd's errors that are raised before proposing are definite {@code fail}s; a write that timed out or
 * lost its connection after sending, or got any other error, is {@code info}.
 *
 * <p>Lean by design: one {@link HttpClient} (one connection pool) per worker, request bodies built as strings, and
 * responses read with Jackson's tree model.
 */
public final class EtcdRegisterClient implements Client {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder UNB64 = Base64.getDecoder();
  /** etcd errors returned before a request is proposed to raft: the request certainly did not take effect. */
  private static final Set<String> DEFINITE = Set.of("etcdserver: too many requests", "etcdserver: no leader",
      "etcdserver: not capable", "etcdserver: request is too large", "etcdserver: server stopped",
      "etcdserver: unhealthy cluster");

  private final EtcdDb db;
  private final Duration timeout;
  private final boolean serializable;
  private final HttpClient http;
  private final List<URI> bases;
  /** Per worker node, where its writes start: shared by the clients opened from one template, so it survives reopens. */
  private final Map<String, AtomicInteger> writeStarts;
  private final AtomicInteger current;

  /**
   * The template.
   *
   * @param opTimeout the test's op timeout; requests give up at three quarters of it, so the client classifies its own
   *     timeouts (and moves a worker's writes on) before the interpreter abandons the op
   */
  public EtcdRegisterClient(EtcdDb db, Duration opTimeout, boolean serializable) {
    this(db, opTimeout.multipliedBy(3).dividedBy(4), serializable, null, List.of(), new ConcurrentHashMap<>(),
        new AtomicInteger());
  }

  private EtcdRegisterClient(EtcdDb db, Duration timeout, boolean serializable, HttpClient http, List<URI> bases,
      Map<String, AtomicInteger> writeStarts, AtomicInteger current) {
    this.db = db;
    this.timeout = timeout;
    this.serializable = serializable;
    this.http = http;
    this.bases = bases;
    this.writeStarts = writeStarts;
    this.current = current;
  }

  @Override
  public Client open(String node) {
    List<String> nodes = db.nodes();
    int first = Math.max(0, nodes.indexOf(node));
    List<URI> bases = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      var a = db.clientAddress(nodes.get((first + i) % nodes.size()));
      bases.add(URI.create("http://" + a.getHostString() + ":" + a.getPort()));
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1)).build();
    AtomicInteger start = writeStarts.computeIfAbsent(String.valueOf(node), n -> new AtomicInteger());
    return new EtcdRegisterClient(db, timeout, serializable, http, bases, writeStarts, start);
  }

  @Override
  public Op invoke(Op op) {
    List<?> kvPair = (List<?>) op.value();
    String key = b64(String.valueOf(kvPair.get(0)));
    Object arg = kvPair.get(1);
    boolean read = op.f().equals("read");
    int at = current.get();
    URI base = bases.get(read ? 0 : Math.floorMod(at, bases.size()));
    try {
      switch (op.f()) {
        case "read" -> {
          JsonNode r = call(base, "/v3/kv/range",
              "{\"key\":\"" + key + "\"" + (serializable ? ",\"serializable\":true}" : "}"));
          JsonNode kvs = r.path("kvs");
          Object value = kvs.isArray() && kvs.size() > 0 ? number(unb64(kvs.get(0).path("value").asText(""))) : null;
          return complete(op, Op.Type.OK, Arrays.asList(kvPair.get(0), value), null);
        }
        case "write" -> {
          call(base, "/v3/kv/put", "{\"key\":\"" + key + "\",\"value\":\"" + b64(arg.toString()) + "\"}");
          return complete(op, Op.Type.OK, op.value(), null);
        }
        case "cas" -> {
          List<?> fromTo = (List<?>) arg;
          JsonNode r = call(base, "/v3/kv/txn", "{\"compare\":[{\"key\":\"" + key
              + "\",\"target\":\"VALUE\",\"result\":\"EQUAL\",\"value\":\"" + b64(fromTo.get(0).toString())
              + "\"}],\"success\":[{\"request_put\":{\"key\":\"" + key + "\",\"value\":\""
              + b64(fromTo.get(1).toString()) + "\"}}]}");
          boolean swapped = r.path("succeeded").asBoolean(false);
          return complete(op, swapped ? Op.Type.OK : Op.Type.FAIL, op.value(), swapped ? null : "compare-failed");
        }
        default -> throw new IllegalArgumentException("the register client has no function " + op.f());
      }
    } catch (EtcdError e) {
      moveOn(read, at);
      return complete(op, read || e.definite ? Op.Type.FAIL : Op.Type.INFO, op.value(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return complete(op, read ? Op.Type.FAIL : Op.Type.INFO, op.value(), "interrupted");
    }
  }

  /** After a failed write, the worker's writes move on to the next member, once even if its clients failed together. */
  private void moveOn(boolean read, int at) {
    if (!read) {
      current.compareAndSet(at, at + 1);
    }
  }

  /** Posts {@code body}; returns the response's JSON, or throws the failure, classified. */
  private JsonNode call(URI base, String path, String body) throws EtcdError, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new EtcdError("connect timed out", true);
    } catch (HttpTimeoutException e) {
      throw new EtcdError("timed out", false);
    } catch (ConnectException e) {
      throw new EtcdError("connection refused", true);
    } catch (IOException e) {
      throw new EtcdError(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
    }
    JsonNode json;
    try {
      json = JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new EtcdError("HTTP " + resp.statusCode() + ": unreadable response", false);
    }
    if (resp.statusCode() != 200 || json.has("error")) {
      String msg = json.path("error").asText(json.path("message").asText("HTTP " + resp.statusCode()));
      throw new EtcdError(msg, DEFINITE.contains(msg));
    }
    return json;
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String s) {
    return new String(UNB64.decode(s), StandardCharsets.UTF_8);
  }

  /** A register's value as the checker compares it: a long, or the text if it is not a number. */
  private static Object number(String stored) {
    try {
      return Long.parseLong(stored);
    } catch (NumberFormatException e) {
      return stored;
    }
  }

  private static Op complete(Op invocation, Op.Type type, Object value, String error) {
    return new Op(-1, -1, type, invocation.process(), invocation.f(), value, error, invocation.node());
  }

  @Override
  public void close() {
    // HttpClient on Java 17 has no close; its pool goes with it
  }

  /** A failed request: {@code definite} when it certainly did not take effect. */
  private static final class EtcdError extends Exception {
    final boolean definite;

    EtcdError(String message, boolean definite) {
      super(message, null, false, false);
      this.definite = definite;
    }
  }
}
