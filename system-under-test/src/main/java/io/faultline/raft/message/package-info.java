/**
 * The messages members exchange (Figure 2 of the Raft paper, Pre-Vote from thesis §9.6, InstallSnapshot from §7)
 * and their compact binary encoding, {@link io.faultline.raft.message.MessageCodec}. Messages are immutable records;
 * byte arrays inside them are never mutated after construction.
 */
package io.faultline.raft.message;
