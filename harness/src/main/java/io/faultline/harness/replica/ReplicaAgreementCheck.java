package io.faultline.harness.replica;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replica agreement: any two nodes whose digests differ at one applied index applied the same log position to
 * different states, which State Machine Safety forbids (Raft §5.4.3), so the run is invalid and the result names the
 * nodes, the index and the digests. No sample at all (no moment when every node answered) is unknown; a cluster that
 * cannot show digests, or a check turned off, is {@link ReplicaChecks#skipped} and valid.
 *
 * <p>{@code results.json}: {@code {"valid", "samples", "agreedUpTo", "attemptsWithoutSample", "divergent": [{"index",
 * "moment", "atMillis", "groups": {digest: [nodes]}}], "final": {"index", "digests"}}}.
 */
public final class ReplicaAgreementCheck implements Checker {
  /** How many divergent samples the result lists. */
  static final int SHOWN = 10;

  private final List<AgreementSample> samples;
  private final int missed;
  private final String lastProblem;

  /**
   * @param samples the samples taken, in order
   * @param missed attempts that found no moment when every node answered
   * @param lastProblem why the last attempt without a sample failed, or null
   */
  public ReplicaAgreementCheck(List<AgreementSample> samples, int missed, String lastProblem) {
    this.samples = List.copyOf(samples);
    this.missed = missed;
    this.lastProblem = lastProblem;
  }

  @Override
  public Result check(History history) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", null);
    json.put("samples", samples.size());
    json.put("attemptsWithoutSample", missed);
    List<Map<String, Object>> divergent =
        samples.stream()
            .filter(s -> !s.agrees())
            .limit(SHOWN)
            .map(ReplicaAgreementCheck::describe)
            .toList();
    long agreedUpTo =
        samples.stream()
            .filter(AgreementSample::agrees)
            .mapToLong(AgreementSample::index)
            .max()
            .orElse(0);
    json.put("agreedUpTo", agreedUpTo);
    json.put("divergent", divergent);
    samples.stream()
        .filter(s -> s.moment().equals("final"))
        .reduce((a, b) -> b)
        .ifPresent(s -> json.put("final", Map.of("index", s.index(), "digests", s.digests())));
    Verdict v;
    if (!divergent.isEmpty()) {
      v = Verdict.INVALID;
      Map<String, Object> first = divergent.get(0);
      json.put(
          "error",
          "nodes applied index "
              + first.get("index")
              + " to different states: "
              + first.get("groups"));
    } else if (samples.isEmpty()) {
      v = Verdict.UNKNOWN;
      json.put("error", "no moment when every node answered: " + lastProblem);
    } else {
      v = Verdict.VALID;
    }
    json.put("valid", v.jsonValue());
    return Result.of(v, json);
  }

  private static Map<String, Object> describe(AgreementSample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", s.index());
    m.put("moment", s.moment());
    m.put("atMillis", s.atMillis());
    m.put("groups", s.groups());
    return m;
  }
}
