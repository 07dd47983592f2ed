package io.faultline.workloads.etcd;

/**
 * What one member says of itself in {@code /v3/maintenance/status}.
 *
 * @param memberId its own member id
 * @param leader the member id of the leader it follows, {@code "0"} when it knows none
 */
public record EtcdStatus(String memberId, String leader) {

  /** Whether the member knows a leader. */
  public boolean hasLeader() {
    return !leader.isEmpty() && !leader.equals("0");
  }
}
