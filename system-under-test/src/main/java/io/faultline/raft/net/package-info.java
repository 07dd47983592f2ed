/**
 * Networking on Netty: {@link io.faultline.raft.net.NettyPeerTransport} carries Raft messages between members (one
 * TCP connection per direction), and {@link io.faultline.raft.net.ClientServer} serves the binary client protocol.
 * Both use 4-byte length framing.
 */
package io.faultline.raft.net;
