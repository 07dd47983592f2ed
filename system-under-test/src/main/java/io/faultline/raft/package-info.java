/**
 * The Raft replicated key-value store that Faultline attacks. It follows Ongaro's Raft paper and thesis, runs as
 * separate processes that talk over TCP and keep their state on disk, and depends on no other Faultline module.
 */
package io.faultline.raft;
