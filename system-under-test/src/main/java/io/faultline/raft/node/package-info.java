/**
 * The node process: {@link io.faultline.raft.node.NodeMain} parses the command line
 * ({@link io.faultline.raft.node.NodeOptions}) and starts a {@link io.faultline.raft.node.RaftServer}, which wires
 * the Raft core to the file store, the Netty transport, the client server and the HTTP admin endpoint.
 */
package io.faultline.raft.node;
