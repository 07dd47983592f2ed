/**
 * The proxies: listening sockets, the connections they accept, and the per-connection toxic chains.
 *
 * <p>{@link io.faultline.nemesis.toxiproxy.proxy.ProxyRegistry} is the state behind the HTTP API; each
 * {@link io.faultline.nemesis.toxiproxy.proxy.TcpProxy} publishes its toxics as an immutable
 * {@link io.faultline.nemesis.toxiproxy.proxy.ToxicSet} and tells its connections to catch up. A connection's two
 * sockets share one Netty event loop, so its data path (read, toxic stages, write) runs on one thread without locks
 * and without copying bytes. With no toxics, a chunk read from one socket is written to the other in the same event.
 *
 * <p>Disabling or deleting a proxy closes its listener, so new connections are refused, and closes every connection
 * it has. A connection whose upstream cannot be dialed is closed at once.
 */
package io.faultline.nemesis.toxiproxy.proxy;
