/**
 * The replicated key-value state machine with client sessions for exactly-once writes (thesis §6.3). It is
 * deterministic: every member that applies the same log reaches the same state and the same session table.
 */
package io.faultline.raft.kv;
