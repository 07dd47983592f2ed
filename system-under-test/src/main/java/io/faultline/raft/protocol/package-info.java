/**
 * The compact binary client protocol shared by the node's client server and the Java client library: length-framed
 * requests carrying a {@link io.faultline.raft.protocol.KvCommand} and responses carrying a status and a value.
 * The same command encoding is stored in log entries.
 */
package io.faultline.raft.protocol;
