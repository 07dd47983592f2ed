package io.faultline.jmh.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to etcd's v3 JSON gateway ({@code POST /v3/kv/put|range|txn}, keys and values
 * in base64), written directly on a blocking socket: the same shape as the Raft store's client (one request in
 * flight, one connection, no selector thread), so the comparison measures the servers and not two client stacks.
 * Reads are etcd's default, linearizable ones.
 */
final class EtcdSession implements KvSession {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final String host;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  EtcdSession(InetSocketAddress address, Duration timeout) {
    this.host = address.getHostString() + ":" + address.getPort();
    try {
      socket = new Socket();
      socket.connect(address, (int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) timeout.toMillis());
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to etcd at " + host, e);
    }
  }

  @Override
  public void write(String key, String value) {
    post("/v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}");
  }

  @Override
  public String read(String key) {
    JsonNode kvs = post("/v3/kv/range", "{\"key\":\"" + b64(key) + "\"}").path("kvs");
    if (kvs.isEmpty()) {
      return null;
    }
    return new String(Base64.getDecoder().decode(kvs.get(0).path("value").asText()), StandardCharsets.UTF_8);
  }

  @Override
  public boolean cas(String key, String from, String to) {
    String k = b64(key);
    return post("/v3/kv/txn", "{\"compare\":[{\"key\":\"" + k + "\",\"result\":\"EQUAL\",\"target\":\"VALUE\","
        + "\"value\":\"" + b64(from) + "\"}],\"success\":[{\"requestPut\":{\"key\":\"" + k + "\",\"value\":\""
        + b64(to) + "\"}}]}").path("succeeded").asBoolean(false);
  }

  /** One request and its JSON answer; anything but 200 is an exception. */
  JsonNode post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    try {
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.split(" ", 3)[1]);
      int length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      byte[] answer = chunked ? chunked() : in.readNBytes(length);
      if (code != 200) {
        throw new IllegalStateException("etcd answered " + status + ": " + new String(answer, StandardCharsets.UTF_8));
      }
      return JSON.readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException("etcd at " + host + ": " + path, e);
    }
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
        size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
      body.write(in.readNBytes(size));
      line();
    }
    while (!line().isEmpty()) {
      // trailers
    }
    return body.toByteArray();
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("etcd closed the connection");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
