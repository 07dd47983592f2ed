package io.faultline.nemesis.toxiproxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.nemesis.toxiproxy.proxy.ApiError;
import io.faultline.nemesis.toxiproxy.proxy.ProxyConfig;
import io.faultline.nemesis.toxiproxy.proxy.ProxyRegistry;
import io.faultline.nemesis.toxiproxy.proxy.TcpProxy;
import io.faultline.nemesis.toxiproxy.toxic.Direction;
import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import io.faultline.nemesis.toxiproxy.toxic.ToxicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The routes of the Toxiproxy HTTP API, with Toxiproxy's status codes and error messages. Unknown routes are 404,
 * known routes with another method 405. {@code POST} and {@code PATCH} both update.
 */
public final class ApiRoutes {
  /** The Toxiproxy version whose API this server follows. */
  public static final String VERSION = "2.12.0";

  private final ProxyRegistry registry;

  public ApiRoutes(ProxyRegistry registry) {
    this.registry = registry;
  }

  /** Answers one request; never throws. */
  ApiResponse handle(ApiRequest request) {
    try {
      return route(request.method(), request.segments(), request.body());
    } catch (ApiError e) {
      return ApiResponse.error(e);
    }
  }

  private ApiResponse route(String method, List<String> path, String body) {
    String first = path.isEmpty() ? "" : path.get(0);
    if (path.size() == 1) {
      switch (first) {
        case "proxies":
          return method.equals("GET") ? listProxies() : post(method, () -> createProxy(body));
        case "populate":
          return post(method, () -> populate(body));
        case "reset":
          return post(method, this::reset);
        case "version":
          return get(method, this::version);
        default:
          break;
      }
    }
    if (first.equals("proxies") && path.size() >= 2) {
      return proxyRoute(method, path, body);
    }
    return ApiResponse.error(404, "not found");
  }

  private ApiResponse proxyRoute(String method, List<String> path, String body) {
    String name = path.get(1);
    if (path.size() == 2) {
      return switch (method) {
        case "GET" -> ApiResponse.ok(JsonShapes.proxy(registry.get(name)));
        case "POST", "PATCH" -> updateProxy(name, body);
        case "DELETE" -> deleteProxy(name);
        default -> methodNotAllowed();
      };
    }
    if (!path.get(2).equals("toxics") || path.size() > 4) {
      return ApiResponse.error(404, "not found");
    }
    if (path.size() == 3) {
      return switch (method) {
        case "GET" -> listToxics(name);
        case "POST" -> createToxic(name, body);
        default -> methodNotAllowed();
      };
    }
    String toxic = path.get(3);
    return switch (method) {
      case "GET" -> ApiResponse.ok(JsonShapes.toxic(registry.get(name).toxic(toxic)));
      case "POST", "PATCH" -> updateToxic(name, toxic, body);
      case "DELETE" -> removeToxic(name, toxic);
      default -> methodNotAllowed();
    };
  }

  private ApiResponse listProxies() {
    ObjectNode all = JsonShapes.MAPPER.createObjectNode();
    registry.all().forEach(p -> all.set(p.name(), JsonShapes.proxy(p)));
    return ApiResponse.ok(all);
  }

  private ApiResponse createProxy(String body) {
    ProxyConfig config = JsonShapes.proxyConfig(JsonShapes.parse(body)).validate();
    return ApiResponse.created(JsonShapes.proxy(registry.create(config)));
  }

  private ApiResponse populate(String body) {
    JsonNode node = JsonShapes.parse(body);
    if (!node.isArray()) {
      throw JsonShapes.badBody("expected an array of proxies");
    }
    List<ProxyConfig> configs = new ArrayList<>();
    node.forEach(p -> configs.add(JsonShapes.proxyConfig(p)));
    ObjectNode result = JsonShapes.MAPPER.createObjectNode();
    ArrayNode proxies = result.putArray("proxies");
    registry.populate(configs).forEach(p -> proxies.add(JsonShapes.proxy(p)));
    return ApiResponse.created(result);
  }

  private ApiResponse updateProxy(String name, String body) {
    registry.get(name);
    JsonNode node = JsonShapes.parse(body);
    JsonShapes.requireObject(node, "proxy");
    TcpProxy proxy =
        registry.update(
            name,
            Optional.ofNullable(JsonShapes.text(node, "listen")),
            Optional.ofNullable(JsonShapes.text(node, "upstream")),
            Optional.ofNullable(JsonShapes.bool(node, "enabled")));
    return ApiResponse.ok(JsonShapes.proxy(proxy));
  }

  private ApiResponse deleteProxy(String name) {
    registry.delete(name);
    return ApiResponse.noContent();
  }

  private ApiResponse reset() {
    registry.reset();
    return ApiResponse.noContent();
  }

  private ApiResponse version() {
    ObjectNode body = JsonShapes.MAPPER.createObjectNode();
    body.put("version", VERSION);
    return ApiResponse.ok(body);
  }

  private ApiResponse listToxics(String proxyName) {
    ArrayNode toxics = JsonShapes.MAPPER.createArrayNode();
    registry.get(proxyName).toxics().all().forEach(t -> toxics.add(JsonShapes.toxic(t)));
    return ApiResponse.ok(toxics);
  }

  /** Checks in Toxiproxy's order: body, stream, type, name clash, attributes. */
  private ApiResponse createToxic(String proxyName, String body) {
    TcpProxy proxy = registry.get(proxyName);
    JsonNode node = JsonShapes.parse(body);
    JsonShapes.requireObject(node, "toxic");
    String streamName = JsonShapes.text(node, "stream");
    Direction stream =
        streamName == null
            ? Direction.DOWNSTREAM
            : Direction.parse(streamName)
                .orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "stream was invalid, can be either upstream or downstream"));
    String typeName = JsonShapes.text(node, "type");
    ToxicType type =
        ToxicType.parse(typeName == null ? "" : typeName)
            .orElseThrow(() -> ApiError.badRequest("invalid toxic type"));
    String name = JsonShapes.text(node, "name");
    if (name == null || name.isEmpty()) {
      name = type.wireName() + "_" + stream.wireName();
    }
    if (proxy.toxics().find(name).isPresent()) {
      throw ApiError.conflict("toxic already exists");
    }
    Float toxicity = JsonShapes.number(node, "toxicity");
    ToxicSpec spec =
        new ToxicSpec(
            name, type, stream, toxicity == null ? 1f : toxicity, JsonShapes.attributes(node));
    registry.addToxic(proxyName, spec);
    return ApiResponse.ok(JsonShapes.toxic(spec));
  }

  private ApiResponse updateToxic(String proxyName, String toxicName, String body) {
    TcpProxy proxy = registry.get(proxyName);
    proxy.toxic(toxicName);
    JsonNode node = JsonShapes.parse(body);
    JsonShapes.requireObject(node, "toxic");
    ToxicSpec updated =
        registry.updateToxic(
            proxyName, toxicName, JsonShapes.attributes(node), JsonShapes.number(node, "toxicity"));
    return ApiResponse.ok(JsonShapes.toxic(updated));
  }

  private ApiResponse removeToxic(String proxyName, String toxicName) {
    registry.removeToxic(proxyName, toxicName);
    return ApiResponse.noContent();
  }

  private static ApiResponse post(String method, Supplier<ApiResponse> action) {
    return method.equals("POST") ? action.get() : methodNotAllowed();
  }

  private static ApiResponse get(String method, Supplier<ApiResponse> action) {
    return method.equals("GET") ? action.get() : methodNotAllowed();
  }

  private static ApiResponse methodNotAllowed() {
    return ApiResponse.error(405, "method not allowed");
  }
}
