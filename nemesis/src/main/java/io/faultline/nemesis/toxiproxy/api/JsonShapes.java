package io.faultline.nemesis.toxiproxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.nemesis.toxiproxy.proxy.ApiError;
import io.faultline.nemesis.toxiproxy.proxy.ProxyConfig;
import io.faultline.nemesis.toxiproxy.proxy.TcpProxy;
import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The JSON of the Toxiproxy API: how proxies and toxics look in responses (every field, and every attribute of a
 * toxic's type, always present, in Toxiproxy's order), and how request bodies are read. A body that is not what a
 * route expects is a 400 {@code bad request body: …}.
 */
final class JsonShapes {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Where a proxy without a listen address listens: a free port on loopback. */
  static final String DEFAULT_LISTEN = "127.0.0.1:0";

  private JsonShapes() {}

  /** {@code {"name","listen","upstream","enabled","toxics":[…]}}. */
  static ObjectNode proxy(TcpProxy p) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", p.name());
    node.put("listen", p.listen());
    node.put("upstream", p.upstream());
    node.put("enabled", p.enabled());
    ArrayNode toxics = node.putArray("toxics");
    p.toxics().all().forEach(t -> toxics.add(toxic(t)));
    return node;
  }

  /** {@code {"attributes":{…},"name","type","stream","toxicity"}}. */
  static ObjectNode toxic(ToxicSpec t) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    t.attributes().forEach(attributes::put);
    node.put("name", t.name());
    node.put("type", t.type().wireName());
    node.put("stream", t.stream().wireName());
    node.put("toxicity", t.toxicity());
    return node;
  }

  /** Parses a request body. An empty body reads as an empty object, as the routes without a body need. */
  static JsonNode parse(String body) {
    if (body.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw badBody(e.getOriginalMessage());
    }
  }

  /** A proxy to create, from a request object; {@code enabled} defaults to true. */
  static ProxyConfig proxyConfig(JsonNode node) {
    requireObject(node, "proxy");
    String listen = text(node, "listen");
    Boolean enabled = bool(node, "enabled");
    return new ProxyConfig(
        text(node, "name"),
        listen == null ? DEFAULT_LISTEN : listen,
        text(node, "upstream"),
        enabled == null || enabled);
  }

  /** A string field, or null when absent or null. */
  static String text(JsonNode node, String field) {
    return field(node, field, JsonNode::isTextual, "a string", JsonNode::asText);
  }

  /** A boolean field, or null when absent or null. */
  static Boolean bool(JsonNode node, String field) {
    return field(node, field, JsonNode::isBoolean, "a boolean", JsonNode::asBoolean);
  }

  /** A number field as a float, or null when absent or null. */
  static Float number(JsonNode node, String field) {
    return field(node, field, JsonNode::isNumber, "a number", JsonNode::floatValue);
  }

  /** A field of one JSON kind, or null when absent or null. @throws ApiError 400 when it is of another kind */
  private static <T> T field(
      JsonNode node,
      String field,
      Predicate<JsonNode> isKind,
      String kind,
      Function<JsonNode, T> value) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!isKind.test(v)) {
      throw badBody(field + " must be " + kind);
    }
    return value.apply(v);
  }

  /** The {@code attributes} object as whole numbers; empty when absent. Keys are kept as given. */
  static Map<String, Long> attributes(JsonNode node) {
    Map<String, Long> result = new LinkedHashMap<>();
    JsonNode attributes = node.get("attributes");
    if (attributes == null || attributes.isNull()) {
      return result;
    }
    requireObject(attributes, "attributes");
    for (Map.Entry<String, JsonNode> e : attributes.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNumber() || !v.canConvertToExactIntegral()) {
        throw badBody("attribute " + e.getKey() + " must be a whole number");
      }
      result.put(e.getKey(), v.longValue());
    }
    return result;
  }

  static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw badBody(what + " must be a JSON object");
    }
  }

  static ApiError badBody(String detail) {
    return ApiError.badRequest("bad request body: " + detail);
  }
}
