/**
 * Durable storage of Raft's persistent state: a checksummed, group-committed append-only log file (preallocated with
 * zeros, so that commits overwrite allocated blocks) whose torn tail is truncated on restart, a snapshot file
 * replaced atomically, and a two-slot term/vote file. See {@link io.faultline.raft.storage.FileRaftStore}.
 */
package io.faultline.raft.storage;
