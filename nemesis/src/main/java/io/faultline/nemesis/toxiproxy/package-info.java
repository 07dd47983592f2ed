/**
 * Faultline's own Toxiproxy: a server that speaks the Toxiproxy HTTP API (v2.12) and proxies TCP through toxics,
 * so that the network nemesis drives the same {@code toxiproxy-java} client whether the proxies are a real
 * Toxiproxy or this one. It is the default because it needs no binary and no Docker, and it starts in-process in
 * milliseconds.
 *
 * <p>Layout: {@link io.faultline.nemesis.toxiproxy.ToxiproxyServer} is the entry point (in-process or
 * {@code main}); {@code api} is the HTTP surface; {@code proxy} holds the proxies and their connections;
 * {@code toxic} holds what each toxic does to a stream. The contract is {@code shared/notes/toxiproxy-api.md};
 * where this server differs from Toxiproxy, the class that differs says so.
 */
package io.faultline.nemesis.toxiproxy;
