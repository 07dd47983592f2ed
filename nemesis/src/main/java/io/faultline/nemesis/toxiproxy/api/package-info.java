/**
 * The Toxiproxy HTTP API, as {@code notes/toxiproxy-api.md} specifies it: routes, status codes, JSON shapes and
 * error bodies ({@code {"error":"…","status":…}} and a newline).
 *
 * <p>{@link io.faultline.nemesis.toxiproxy.api.ApiServer} and {@code ApiHandler} are the Netty transport;
 * {@link io.faultline.nemesis.toxiproxy.api.ApiRoutes} maps requests onto the proxy registry and knows nothing of
 * HTTP framing, and {@code JsonShapes} is the only place that knows the JSON. Requests are answered one at a time on
 * a single API thread: changes to proxies are rare and small, and one thread makes them trivially ordered.
 */
package io.faultline.nemesis.toxiproxy.api;
