package io.faultline.raft;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The static configuration of one member. Membership is fixed (§6 is not implemented): every member is given the
 * same {@code members} list.
 *
 * @param selfId             this member's id
 * @param members            all member ids, including {@code selfId}
 * @param electionMinMillis  lower bound of the randomised election timeout (§5.2); also the lease bound (§6.4.1)
 * @param electionMaxMillis  upper bound (exclusive) of the randomised election timeout
 * @param heartbeatMillis    interval between leader heartbeats; well below {@code electionMinMillis}
 * @param readMode           how linearizable reads are served
 * @param unsafe             deliberate bugs to enable (empty for a correct node)
 * @param snapshotThreshold  applied entries after which a snapshot is taken and the log compacted (§7)
 * @param maxBatchEntries    most entries in one AppendEntries message
 * @param maxInflight        most unacknowledged AppendEntries per follower while pipelining
 * @param leaseDriftMargin   fraction of the lease given up to clock drift between members (§6.4.1)
 * @param preVote            whether a node whose election timer fires first runs a Pre-Vote round (thesis §9.6)
 *                           before it increments its term; without it the node becomes a candidate at once (§5.2)
 */
public record RaftConfig(
    String selfId,
    List<String> members,
    long electionMinMillis,
    long electionMaxMillis,
    long heartbeatMillis,
    ReadMode readMode,
    Set<UnsafeMode> unsafe,
    int snapshotThreshold,
    int maxBatchEntries,
    int maxInflight,
    double leaseDriftMargin,
    boolean preVote) {

  public RaftConfig {
    members = List.copyOf(members);
    unsafe = unsafe.isEmpty() ? EnumSet.noneOf(UnsafeMode.class) : EnumSet.copyOf(unsafe);
    if (!members.contains(selfId)) {
      throw new IllegalArgumentException("members " + members + " do not include self " + selfId);
    }
    if (electionMinMillis <= heartbeatMillis || electionMaxMillis <= electionMinMillis) {
      throw new IllegalArgumentException("need heartbeat < election min < election max");
    }
  }

  /** Defaults: 150–300 ms elections, 50 ms heartbeats, ReadIndex, Pre-Vote, snapshots every 10,000 entries. */
  public static RaftConfig defaults(String selfId, List<String> members) {
    return new RaftConfig(
        selfId, members, 150, 300, 50, ReadMode.READ_INDEX, Set.of(), 10_000, 512, 16, 0.2, true);
  }

  public RaftConfig withReadMode(ReadMode mode) {
    return new RaftConfig(
        selfId,
        members,
        electionMinMillis,
        electionMaxMillis,
        heartbeatMillis,
        mode,
        unsafe,
        snapshotThreshold,
        maxBatchEntries,
        maxInflight,
        leaseDriftMargin,
        preVote);
  }

  public RaftConfig withUnsafe(Set<UnsafeMode> modes) {
    return new RaftConfig(
        selfId,
        members,
        electionMinMillis,
        electionMaxMillis,
        heartbeatMillis,
        readMode,
        modes,
        snapshotThreshold,
        maxBatchEntries,
        maxInflight,
        leaseDriftMargin,
        preVote);
  }

  public RaftConfig withSnapshotThreshold(int entries) {
    return new RaftConfig(
        selfId,
        members,
        electionMinMillis,
        electionMaxMillis,
        heartbeatMillis,
        readMode,
        unsafe,
        entries,
        maxBatchEntries,
        maxInflight,
        leaseDriftMargin,
        preVote);
  }

  public RaftConfig withTimeouts(long electionMin, long electionMax, long heartbeat) {
    return new RaftConfig(
        selfId,
        members,
        electionMin,
        electionMax,
        heartbeat,
        readMode,
        unsafe,
        snapshotThreshold,
        maxBatchEntries,
        maxInflight,
        leaseDriftMargin,
        preVote);
  }

  public RaftConfig withPreVote(boolean on) {
    return new RaftConfig(
        selfId,
        members,
        electionMinMillis,
        electionMaxMillis,
        heartbeatMillis,
        readMode,
        unsafe,
        snapshotThreshold,
        maxBatchEntries,
        maxInflight,
        leaseDriftMargin,
        on);
  }

  /** True when the deliberate bug is enabled. */
  public boolean isUnsafe(UnsafeMode mode) {
    return unsafe.contains(mode);
  }

  /** Votes or acknowledgements needed for a majority of the members. */
  public int quorum() {
    return members.size() / 2 + 1;
  }
}
