package io.faultline.raft.sim;

import io.faultline.raft.NodeStatus;
import io.faultline.raft.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety properties of Figure 3, checked against a {@link LocalCluster} after every step of a run:
 * Election Safety, Log Matching, Leader Completeness and State Machine Safety. Observations accumulate across
 * steps (leaders seen per term, entries seen committed), so a violation spread over time is caught too.
 */
final class RaftInvariants {
  /** An entry seen committed: its term, and the term of the member that saw it (≥ the committing leader's). */
  private record Committed(long term, long seenInTerm) {}

  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  private final Map<Long, Committed> committed = new HashMap<>();

  /** Returns a description of every violation now visible (empty when all hold). */
  List<String> check(LocalCluster c) {
    List<String> out = new ArrayList<>(c.violations());
    Map<String, Map<Long, Long>> logs = new HashMap<>();
    for (String id : c.ids()) {
      if (!c.alive(id)) {
        continue;
      }
      NodeStatus s = c.status(id);
      Map<Long, Long> log = new HashMap<>();
      for (long[] e : c.node(id).logTermsNowForTest()) {
        log.put(e[0], e[1]);
      }
      logs.put(id, log);
      electionSafety(id, s, out);
      recordCommitted(id, s, log, out);
    }
    logMatching(c, logs, out);
    leaderCompleteness(c, logs, out);
    return out;
  }

  /** "At most one leader can be elected in a given term" (§5.2). */
  private void electionSafety(String id, NodeStatus s, List<String> out) {
    if (s.role() == Role.LEADER) {
      String prior = leaderOfTerm.putIfAbsent(s.term(), id);
      if (prior != null && !prior.equals(id)) {
        out.add("election safety: " + prior + " and " + id + " both led term " + s.term());
      }
    }
  }

  /** State Machine Safety (§5.4.3): an index committed anywhere holds the same entry everywhere it is committed. */
  private void recordCommitted(String id, NodeStatus s, Map<Long, Long> log, List<String> out) {
    for (long i = s.snapshotIndex() + 1; i <= s.commitIndex(); i++) {
      Long term = log.get(i);
      if (term == null) {
        continue;
      }
      Committed prior = committed.putIfAbsent(i, new Committed(term, s.term()));
      if (prior != null && prior.term() != term) {
        out.add(
            "state machine safety: index "
                + i
                + " committed with term "
                + prior.term()
                + " and term "
                + term
                + " (on "
                + id
                + ")");
      }
    }
  }

  /** "If two logs contain an entry with the same index and term, the logs are identical up to it" (§5.3). */
  private void logMatching(LocalCluster c, Map<String, Map<Long, Long>> logs, List<String> out) {
    List<String> ids = new ArrayList<>(logs.keySet());
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        Map<Long, Long> la = logs.get(ids.get(a));
        Map<Long, Long> lb = logs.get(ids.get(b));
        long highestSame = -1;
        for (Map.Entry<Long, Long> e : la.entrySet()) {
          if (e.getValue().equals(lb.get(e.getKey())) && e.getKey() > highestSame) {
            highestSame = e.getKey();
          }
        }
        for (Map.Entry<Long, Long> e : la.entrySet()) {
          Long other = lb.get(e.getKey());
          if (e.getKey() < highestSame && other != null && !other.equals(e.getValue())) {
            out.add(
                "log matching: "
                    + ids.get(a)
                    + " and "
                    + ids.get(b)
                    + " agree at "
                    + highestSame
                    + " but differ at "
                    + e.getKey());
          }
        }
      }
    }
  }

  /** "If a log entry is committed in a given term, it is present in the logs of the leaders of higher terms" (§5.4). */
  private void leaderCompleteness(
      LocalCluster c, Map<String, Map<Long, Long>> logs, List<String> out) {
    for (Map.Entry<String, Map<Long, Long>> l : logs.entrySet()) {
      NodeStatus s = c.status(l.getKey());
      if (s.role() != Role.LEADER) {
        continue;
      }
      for (Map.Entry<Long, Committed> e : committed.entrySet()) {
        long index = e.getKey();
        if (index <= s.snapshotIndex() || e.getValue().seenInTerm() > s.term()) {
          continue;
        }
        Long term = l.getValue().get(index);
        if (term == null || term != e.getValue().term()) {
          out.add(
              "leader completeness: leader "
                  + l.getKey()
                  + " of term "
                  + s.term()
                  + " lacks entry "
                  + index
                  + " (term "
                  + e.getValue().term()
                  + ") committed by term "
                  + e.getValue().seenInTerm());
        }
      }
    }
  }
}
