package io.faultline.harness.spi.db;

/**
 * A consensus system whose leader can be asked to hand over to another member: Raft's leadership transfer (thesis
 * §3.10; etcd's move-leader). A transfer is a fault a user would run: it ends a term on purpose, which is where
 * lease reads and leader stickiness are tested.
 */
public interface TransfersLeadership extends HasLeader {

  /**
   * Asks {@code leader} to hand leadership to {@code to}, returning once it has started the handover (Raft's
   * TimeoutNow sent) or refused.
   *
   * @return {@code null} when the handover started, else why it did not, in a few words (e.g. {@code not-leader})
   */
  String transferLeadership(String leader, String to);
}
