package io.faultline.harness.replica;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.spi.db.LogPositions.Ack;
import io.faultline.harness.spi.db.LogPositions.Terms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable acknowledgements: every acknowledged write's entry must stay in the log of a majority at its index with its
 * term (Leader Completeness, Raft §5.4). The nodes' logs are sampled during the run, at moments when they answer,
 * and once more after recovery ({@link LogSample}); each node's word on a write is the latest sample in which it could
 * tell, since compaction later hides an entry under a snapshot of a later term. For each node the entry is:
 *
 * <ul>
 *   <li>{@code held}: the node's term at that index is the ack's; or the index is compacted and the snapshot's last
 *       entry has the ack's term (the Log Matching Property, §5.3, makes the two logs equal up to there);
 *   <li>{@code replaced}: another term is there, or the index is compacted under a snapshot whose last term is lower
 *       than the ack's (terms never decrease along a log);
 *   <li>{@code missing}: the node's log ends before the index;
 *   <li>{@code unknown}: compacted under a snapshot of a later term, or the node did not answer.
 * </ul>
 *
 * A write held by a majority is durable; one that cannot be held by a majority even if every unknown were held is
 * lost, and makes the run invalid; the rest are unverified, counted, and leave the verdict alone.
 *
 * <p>{@code results.json}: {@code {"valid", "acknowledged", "durable", "durableSeenOnlyDuringTheRun", "samples",
 * "unverified", "lostCount", "lost": [{"index", "term", "what", "nodes": {node: state}}], "nodesAnswering",
 * "nodesAnsweringEver"}}.
 */
public final class DurableAckCheck implements Checker {
  static final int SHOWN = 20;

  private final List<Ack> acks;
  private final List<LogSample> samples;
  private final int clusterSize;

  /**
   * @param acks every acknowledged write, in the order they were acknowledged
   * @param samples the nodes' logs, oldest first; the last is the final one, after recovery
   * @param clusterSize how many nodes the cluster has (a majority is more than half of it)
   */
  public DurableAckCheck(List<Ack> acks, List<LogSample> samples, int clusterSize) {
    this.acks = List.copyOf(acks);
    this.samples = List.copyOf(samples);
    this.clusterSize = clusterSize;
  }

  /** The check on the final logs alone. */
  public DurableAckCheck(List<Ack> acks, Map<String, Terms> finalLogs, int clusterSize) {
    this(acks, List.of(new LogSample(acks.size(), finalLogs)), clusterSize);
  }

  @Override
  public Result check(History history) {
    int majority = clusterSize / 2 + 1;
    int durable = 0;
    int unverified = 0;
    List<Map<String, Object>> lost = new ArrayList<>();
    int lostCount = 0;
    java.util.Set<String> answered = new java.util.TreeSet<>();
    samples.forEach(s -> answered.addAll(s.logs().keySet()));
    Map<String, Terms> finalLogs =
        samples.isEmpty() ? Map.of() : samples.get(samples.size() - 1).logs();
    int during = 0;
    for (int i = 0; i < acks.size(); i++) {
      Ack a = acks.get(i);
      int held = 0;
      int unknown = clusterSize - answered.size();
      Map<String, String> states = new LinkedHashMap<>();
      for (String node : answered) {
        String s = latestWord(node, i);
        states.put(node, s);
        held += s.equals("held") ? 1 : 0;
        unknown += s.startsWith("unknown") ? 1 : 0;
      }
      during += held > heldAtTheEnd(finalLogs, a) && held >= majority ? 1 : 0;
      if (held >= majority) {
        durable++;
      } else if (held + unknown >= majority) {
        unverified++;
      } else {
        lostCount++;
        if (lost.size() < SHOWN) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("index", a.index());
          m.put("term", a.term());
          m.put("what", a.what());
          m.put("nodes", states);
          lost.add(m);
        }
      }
    }
    Verdict v =
        lostCount > 0
            ? Verdict.INVALID
            : answered.isEmpty() && !acks.isEmpty() ? Verdict.UNKNOWN : Verdict.VALID;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", v.jsonValue());
    json.put("acknowledged", acks.size());
    json.put("durable", durable);
    json.put("durableSeenOnlyDuringTheRun", during);
    json.put("samples", samples.size());
    json.put("unverified", unverified);
    json.put("lostCount", lostCount);
    json.put("lost", lost);
    json.put("nodesAnswering", new java.util.TreeSet<>(finalLogs.keySet()));
    json.put("nodesAnsweringEver", answered);
    if (lostCount > 0) {
      Map<String, Object> first = lost.get(0);
      json.put(
          "error",
          lostCount
              + " acknowledged writes are not in the log of a majority, first "
              + first.get("what")
              + " at index "
              + first.get("index")
              + " term "
              + first.get("term")
              + ": "
              + first.get("nodes"));
    } else if (v == Verdict.UNKNOWN) {
      json.put("error", "no node showed its log, during the run or after recovery");
    }
    return Result.of(v, json);
  }

  /**
   * What {@code node} last said of the {@code i}-th ack: its state in the latest sample that knew the ack and in which
   * the node could tell (held, replaced or missing), else its state in the latest sample it answered, else that it
   * never answered.
   */
  private String latestWord(String node, int i) {
    String fallback = "unknown: did not answer";
    for (int k = samples.size() - 1; k >= 0; k--) {
      LogSample s = samples.get(k);
      Terms t = s.logs().get(node);
      if (t == null || i >= s.acksKnown()) {
        continue;
      }
      String state = state(t, acks.get(i));
      if (!state.startsWith("unknown")) {
        return state;
      }
      if (fallback.endsWith("did not answer")) {
        fallback = state;
      }
    }
    return fallback;
  }

  private int heldAtTheEnd(Map<String, Terms> finalLogs, Ack a) {
    int held = 0;
    for (Terms t : finalLogs.values()) {
      held += state(t, a).equals("held") ? 1 : 0;
    }
    return held;
  }

  /** Where {@code a} stands in one node's log (see the class comment). */
  static String state(Terms t, Ack a) {
    long i = a.index();
    if (i > t.lastIndex()) {
      return "missing";
    }
    if (i <= t.snapshotIndex()) {
      if (t.snapshotTerm() == a.term()) {
        return "held";
      }
      return i == t.snapshotIndex() || t.snapshotTerm() < a.term()
          ? "replaced by the snapshot's term " + t.snapshotTerm()
          : "unknown: compacted under term " + t.snapshotTerm();
    }
    long k = i - t.from();
    if (k < 0 || k >= t.terms().length) {
      return "unknown: not listed";
    }
    return t.terms()[(int) k] == a.term() ? "held" : "replaced by term " + t.terms()[(int) k];
  }
}
