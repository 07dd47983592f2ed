package io.faultline.nemesis.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP surface, raw: status codes, JSON shapes and error bodies as {@code notes/toxiproxy-api.md} states them. */
class ToxiproxyApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static ToxiproxyServer server;

  @BeforeAll
  static void start() {
    server = ToxiproxyServer.onFreePort().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void deleteEveryProxy() throws Exception {
    JsonNode proxies = JSON.readTree(send("GET", "/proxies", null).body());
    for (String name : (Iterable<String>) proxies::fieldNames) {
      send("DELETE", "/proxies/" + name, null);
    }
  }

  @Test
  void aProxyIsCreatedListedReadAndDeleted() throws Exception {
    HttpResponse<String> created = createProxy("db");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("X-Toxiproxy-Request-Id")).isPresent();
    JsonNode proxy = JSON.readTree(created.body());
    assertThat(fieldNames(proxy))
        .containsExactly("name", "listen", "upstream", "enabled", "toxics");
    assertThat(proxy.get("listen").asText()).startsWith("127.0.0.1:").doesNotEndWith(":0");
    assertThat(proxy.get("enabled").asBoolean()).isTrue();

    JsonNode all = JSON.readTree(send("GET", "/proxies", null).body());
    assertThat(all.isObject()).isTrue();
    assertThat(all.get("db").get("upstream").asText()).isEqualTo("127.0.0.1:1");
    assertThat(send("GET", "/proxies/db", null).statusCode()).isEqualTo(200);

    HttpResponse<String> deleted = send("DELETE", "/proxies/db", null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertError(send("GET", "/proxies/db", null), 404, "proxy not found");
    assertError(send("DELETE", "/proxies/db", null), 404, "proxy not found");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate name    | {\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"} | 409 | proxy already exists",
        "no name           | {\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}                 | 400 | missing required field: name",
        "no upstream       | {\"name\":\"other\",\"listen\":\"127.0.0.1:0\"}                           | 400 | missing required field: upstream",
        "not JSON          | {nope                                                                     | 400 | bad request body: ",
        "address in use    | {\"name\":\"other\",\"listen\":\"LISTEN\",\"upstream\":\"127.0.0.1:1\"}   | 500 | listen tcp ",
      })
  void aBadProxyIsRefused(String why, String body, int status, String message) throws Exception {
    String listen = JSON.readTree(createProxy("db").body()).get("listen").asText();
    HttpResponse<String> response = send("POST", "/proxies", body.replace("LISTEN", listen));
    assertThat(response.statusCode()).as(why).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("error").asText()).startsWith(message);
    assertThat(error.get("status").asInt()).isEqualTo(status);
    assertThat(response.body()).endsWith("}\n");
  }

  @Test
  void anUpdateChangesOnlyTheFieldsItSends() throws Exception {
    createProxy("db");
    JsonNode disabled = JSON.readTree(send("PATCH", "/proxies/db", "{\"enabled\":false}").body());
    assertThat(disabled.get("enabled").asBoolean()).isFalse();
    assertThat(disabled.get("upstream").asText()).isEqualTo("127.0.0.1:1");
    HttpResponse<String> moved = send("POST", "/proxies/db", "{\"upstream\":\"127.0.0.1:2\"}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(moved.body()).get("enabled").asBoolean()).isFalse();
    assertThat(JSON.readTree(moved.body()).get("upstream").asText()).isEqualTo("127.0.0.1:2");
    assertError(send("POST", "/proxies/nope", "{\"enabled\":true}"), 404, "proxy not found");
    assertThat(send("POST", "/proxies/db", "[1").statusCode()).isEqualTo(400);
  }

  @Test
  void aToxicGetsDefaultsAndAllItsAttributes() throws Exception {
    createProxy("db");
    HttpResponse<String> created = send("POST", "/proxies/db/toxics", "{\"type\":\"latency\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode toxic = JSON.readTree(created.body());
    assertThat(fieldNames(toxic))
        .containsExactly("attributes", "name", "type", "stream", "toxicity");
    assertThat(toxic.get("name").asText()).isEqualTo("latency_downstream");
    assertThat(toxic.get("stream").asText()).isEqualTo("downstream");
    assertThat(toxic.get("toxicity").asDouble()).isEqualTo(1.0);
    assertThat(toxic.get("attributes").toString()).isEqualTo("{\"latency\":0,\"jitter\":0}");

    JsonNode updated =
        JSON.readTree(
            send("POST", "/proxies/db/toxics/latency_downstream", "{\"attributes\":{\"jitter\":5}}")
                .body());
    assertThat(updated.get("attributes").toString()).isEqualTo("{\"latency\":0,\"jitter\":5}");
    assertThat(updated.get("toxicity").asDouble()).isEqualTo(1.0);
    JsonNode lessToxic =
        JSON.readTree(
            send("PATCH", "/proxies/db/toxics/latency_downstream", "{\"toxicity\":0.5}").body());
    assertThat(lessToxic.get("toxicity").asDouble()).isEqualTo(0.5);
    assertThat(lessToxic.get("attributes").get("jitter").asInt()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown type      | {\"type\":\"gremlins\"}                                   | 400 | invalid toxic type",
        "no type           | {\"name\":\"x\"}                                          | 400 | invalid toxic type",
        "bad stream        | {\"type\":\"latency\",\"stream\":\"sideways\"}           | 400 | stream was invalid, can be either upstream or downstream",
        "name in use       | {\"type\":\"timeout\",\"name\":\"taken\",\"stream\":\"upstream\"} | 409 | toxic already exists",
        "bad attribute     | {\"type\":\"latency\",\"attributes\":{\"latency\":\"x\"}} | 400 | bad request body: ",
        "not JSON          | nope                                                      | 400 | bad request body: ",
      })
  void aBadToxicIsRefused(String why, String body, int status, String message) throws Exception {
    createProxy("db");
    send("POST", "/proxies/db/toxics", "{\"type\":\"bandwidth\",\"name\":\"taken\"}");
    HttpResponse<String> response = send("POST", "/proxies/db/toxics", body);
    assertThat(response.statusCode()).as(why).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith(message);
  }

  @Test
  void missingProxiesAndToxicsAre404() throws Exception {
    assertError(send("GET", "/proxies/nope/toxics", null), 404, "proxy not found");
    assertError(
        send("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
    createProxy("db");
    assertThat(JSON.readTree(send("GET", "/proxies/db/toxics", null).body()).isArray()).isTrue();
    assertError(send("GET", "/proxies/db/toxics/nope", null), 404, "toxic not found");
    assertError(send("POST", "/proxies/db/toxics/nope", "{}"), 404, "toxic not found");
    assertError(send("DELETE", "/proxies/db/toxics/nope", null), 404, "toxic not found");
    send("POST", "/proxies/db/toxics", "{\"type\":\"slicer\",\"name\":\"s\"}");
    assertThat(send("DELETE", "/proxies/db/toxics/s", null).statusCode()).isEqualTo(204);
  }

  @Test
  void populateValidatesEverythingBeforeCreatingAnything() throws Exception {
    HttpResponse<String> refused =
        send(
            "POST",
            "/populate",
            "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},{\"name\":\"b\"}]");
    assertError(refused, 400, "missing required field: upstream");
    assertThat(send("GET", "/proxies", null).body()).isEqualTo("{}");

    HttpResponse<String> populated =
        send(
            "POST",
            "/populate",
            "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\"}]");
    assertThat(populated.statusCode()).isEqualTo(201);
    JsonNode proxies = JSON.readTree(populated.body()).get("proxies");
    assertThat(proxies).hasSize(2);

    String listenA = proxies.get(0).get("listen").asText();
    send("POST", "/proxies/a/toxics", "{\"type\":\"latency\"}");
    JsonNode again =
        JSON.readTree(
            send(
                    "POST",
                    "/populate",
                    "[{\"name\":\"a\",\"listen\":\""
                        + listenA
                        + "\",\"upstream\":\"127.0.0.1:1\"}]")
                .body());
    assertThat(again.get("proxies").get(0).get("toxics"))
        .as("same addresses: kept untouched")
        .hasSize(1);
    JsonNode replaced =
        JSON.readTree(
            send(
                    "POST",
                    "/populate",
                    "[{\"name\":\"a\",\"listen\":\""
                        + listenA
                        + "\",\"upstream\":\"127.0.0.1:3\"}]")
                .body());
    assertThat(replaced.get("proxies").get(0).get("toxics"))
        .as("other addresses: replaced")
        .isEmpty();
  }

  @Test
  void resetReenablesProxiesAndRemovesToxics() throws Exception {
    createProxy("db");
    send("POST", "/proxies/db", "{\"enabled\":false}");
    send("POST", "/proxies/db/toxics", "{\"type\":\"timeout\",\"stream\":\"upstream\"}");
    HttpResponse<String> reset = send("POST", "/reset", null);
    assertThat(reset.statusCode()).isEqualTo(204);
    JsonNode proxy = JSON.readTree(send("GET", "/proxies/db", null).body());
    assertThat(proxy.get("enabled").asBoolean()).isTrue();
    assertThat(proxy.get("toxics")).isEmpty();
  }

  @Test
  void versionUnknownRoutesWrongMethodsAndBrowsers() throws Exception {
    HttpResponse<String> version = send("GET", "/version", null);
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(version.body()).get("version").asText()).isEqualTo("2.12.0");
    assertThat(send("GET", "/nope", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/proxies/db/poisons", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/version", null).statusCode()).isEqualTo(405);
    assertThat(send("GET", "/reset", null).statusCode()).isEqualTo(405);

    HttpRequest fromBrowser =
        HttpRequest.newBuilder(uri("/version"))
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
            .build();
    assertError(
        HTTP.send(fromBrowser, HttpResponse.BodyHandlers.ofString()),
        403,
        "User agent not allowed");
  }

  @Test
  void mainArgumentsAreCheckedAndTheServerBindsWhereItIsTold() {
    try (ToxiproxyServer parsed = ToxiproxyServer.parse("--host", "127.0.0.1", "--port", "0")) {
      assertThat(parsed.host()).isEqualTo("127.0.0.1");
      assertThat(parsed.start().port()).isPositive();
    }
    assertThat(ToxiproxyServer.parse().port()).isEqualTo(ToxiproxyServer.DEFAULT_PORT);
    assertThatThrownBy(() -> ToxiproxyServer.parse("--port", "x")).hasMessageContaining("--port x");
    assertThatThrownBy(() -> ToxiproxyServer.parse("--bogus")).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> ToxiproxyServer.parse("--host")).hasMessageContaining("needs a value");
  }

  private static HttpResponse<String> createProxy(String name) throws Exception {
    return send(
        "POST",
        "/proxies",
        "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}");
  }

  /** Sends a request the way toxiproxy-java does: JSON, labelled as a form. */
  private static HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method(method, publisher)
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://" + server.host() + ":" + server.port() + path);
  }

  private static void assertError(HttpResponse<String> response, int status, String message)
      throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body())
        .isEqualTo("{\"error\":\"" + message + "\",\"status\":" + status + "}\n");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
