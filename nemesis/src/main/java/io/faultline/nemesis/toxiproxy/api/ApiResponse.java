package io.faultline.nemesis.toxiproxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.nemesis.toxiproxy.proxy.ApiError;

/**
 * One API response, detached from the transport.
 *
 * @param status the HTTP status
 * @param body the JSON body; null for no body (204)
 * @param trailingNewline whether the body ends with a newline, as Toxiproxy's error bodies do
 */
record ApiResponse(int status, JsonNode body, boolean trailingNewline) {

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, false);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body, false);
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, false);
  }

  /** {@code {"error":"<msg>","status":<code>}} followed by a newline. */
  static ApiResponse error(int status, String message) {
    ObjectNode body = JsonShapes.MAPPER.createObjectNode();
    body.put("error", message);
    body.put("status", status);
    return new ApiResponse(status, body, true);
  }

  static ApiResponse error(ApiError e) {
    return error(e.status(), e.getMessage());
  }
}
