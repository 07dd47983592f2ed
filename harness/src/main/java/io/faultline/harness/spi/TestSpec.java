package io.faultline.harness.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole configuration of a test, as one immutable value: Jepsen's test map, minus its runtime state. It is saved
 * as {@code test.json} beside the results, and the seed drives every random choice (the generator's, the nemesis'),
 * so a saved spec replays the same schedule.
 *
 * @param name the test's name, the folder of its runs under {@code results/runs/}
 * @param sut the system under test: {@code raft} (Faultline's store) or another registered adapter
 * @param sutOptions adapter options, e.g. {@code read-mode=lease} or {@code unsafe=stale-reads}
 * @param cluster the cluster backend: {@code process} (the default), {@code docker}, or another a plugin names ({@link Plugins#clusterBackends()})
 * @param clusterOptions options of the backend, e.g. {@code nodes-file=nodes.txt} or {@code username=admin} for
 *     {@code ssh}; see each backend for the options it reads, empty for the defaults
 * @param nodes how many nodes
 * @param workload the workload, e.g. {@code register}
 * @param workloadOptions options of the workload, e.g. {@code mix=3:2:0} for the register's read:write:cas weights;
 *     see each workload for the options it reads, empty for the defaults
 * @param concurrency how many client worker threads
 * @param rate the target rate of client operations per second, over all workers; 0 for as fast as they go
 * @param timeLimit how long the main phase runs
 * @param nemesis the fault families, e.g. {@code partition}, {@code kill}, {@code pause}, {@code clock}, {@code packet}
 *     (each declared by its nemesis package, {@link FaultFamily}), or {@value #ALL_FAULTS}; empty for none
 * @param nemesisInterval the mean time between fault changes
 * @param nemesisOptions options of the fault families, e.g. {@code kill-targets=all} to kill every node at once; see
 *     each family's package for the options it reads, empty for the defaults
 * @param opTimeout how long a client waits for an operation before recording it as indeterminate
 * @param toxiproxy the {@code host:port} of a Toxiproxy server for network faults; {@code null} for Faultline's own,
 *     run inside the harness
 * @param seed the seed of every random choice
 * @param checks the checks beside the workload's to turn off, e.g. {@code replica-agreement=off} (see
 *     {@link #CHECKS}); every check runs by default, and a spec saved without this field runs them all
 */
public record TestSpec(
    String name,
    String sut,
    Map<String, String> sutOptions,
    String cluster,
    Map<String, String> clusterOptions,
    int nodes,
    String workload,
    Map<String, String> workloadOptions,
    int concurrency,
    double rate,
    Duration timeLimit,
    List<String> nemesis,
    Duration nemesisInterval,
    Map<String, String> nemesisOptions,
    Duration opTimeout,
    String toxiproxy,
    long seed,
    Map<String, String> checks) {

  /**
   * The checks beside the workload's that {@code --check NAME=off} can turn off: replica agreement and durable
   * acknowledgements (package {@code io.faultline.harness.replica}).
   */
  public static final List<String> CHECKS = List.of("replica-agreement", "durable-acks");

  /** The nemesis name that stands for every fault family the cluster can take. */
  public static final String ALL_FAULTS = "all";

  public TestSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sut, "sut");
    sutOptions = Map.copyOf(sutOptions == null ? Map.of() : sutOptions);
    Objects.requireNonNull(cluster, "cluster");
    clusterOptions = Map.copyOf(clusterOptions == null ? Map.of() : clusterOptions);
    Objects.requireNonNull(workload, "workload");
    workloadOptions = Map.copyOf(workloadOptions == null ? Map.of() : workloadOptions);
    Objects.requireNonNull(timeLimit, "timeLimit");
    nemesis = List.copyOf(nemesis == null ? List.of() : nemesis);
    Objects.requireNonNull(nemesisInterval, "nemesisInterval");
    nemesisOptions = Map.copyOf(nemesisOptions == null ? Map.of() : nemesisOptions);
    Objects.requireNonNull(opTimeout, "opTimeout");
    checks = Map.copyOf(checks == null ? Map.of() : checks);
  }

  /** Whether the check {@code name} (one of {@link #CHECKS}) runs: it does unless turned off. */
  public boolean checkOn(String name) {
    return !"off".equals(checks.get(name));
  }

  /** Whether this test may inject faults of {@code family}: it names the family, or {@value #ALL_FAULTS}. */
  public boolean includes(String family) {
    return nemesis.contains(family) || nemesis.contains(ALL_FAULTS);
  }

  /**
   * What is wrong with this spec, in one line, or {@code null} when nothing is. Checked before anything starts, so an
   * impossible spec never leaves half a cluster behind.
   */
  public String problem() {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      return "test name '" + name + "' may hold only letters, digits, '.', '_' and '-'";
    }
    if (nodes < 1 || nodes > 99) {
      return "--nodes must be between 1 and 99, not " + nodes;
    }
    if (concurrency < 1 || concurrency > 1000) {
      return "--concurrency must be between 1 and 1000, not " + concurrency;
    }
    if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
      return "--rate must be a number of operations per second, 0 for unlimited, not " + rate;
    }
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      return "--time-limit must be positive, not " + timeLimit.toSeconds() + " s";
    }
    List<String> clusters = Plugins.knownClusterBackends();
    if (!clusters.contains(cluster)) {
      return "--cluster must be one of " + String.join(", ", clusters) + ", not '" + cluster + "'";
    }
    List<String> families = Plugins.knownFamilies().stream().map(FaultFamily::name).toList();
    for (String f : nemesis) {
      if (!families.contains(f) && !f.equals(ALL_FAULTS)) {
        return "unknown fault family '"
            + f
            + "'; "
            + (families.isEmpty()
                ? "no module on the class path declares fault families"
                : "families: " + String.join(", ", families) + ", or " + ALL_FAULTS);
      }
    }
    if (!nemesis.isEmpty() && (nemesisInterval.isNegative() || nemesisInterval.isZero())) {
      return "the nemesis interval must be positive";
    }
    if (toxiproxy != null && !toxiproxy.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
      return "--toxiproxy must be host:port, not '" + toxiproxy + "'";
    }
    for (Map.Entry<String, String> c : checks.entrySet()) {
      if (!CHECKS.contains(c.getKey())) {
        return "unknown check '"
            + c.getKey()
            + "' in --check; checks: "
            + String.join(", ", CHECKS);
      }
      if (!c.getValue().equals("on") && !c.getValue().equals("off")) {
        return "--check " + c.getKey() + " must be on or off, not '" + c.getValue() + "'";
      }
    }
    if (toxiproxy != null && cluster.equals("docker")) {
      return "--toxiproxy cannot be used with --cluster docker, whose proxies run in a container beside the nodes";
    }
    return null;
  }

  /**
   * The defaults of {@code ./faultline run}: 5 nodes of the Raft store, the register workload, 10 clients at 100 ops/s,
   * no faults, 30 s.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this spec. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .sut(sut)
        .sutOptions(sutOptions)
        .cluster(cluster)
        .clusterOptions(clusterOptions)
        .nodes(nodes)
        .workload(workload)
        .workloadOptions(workloadOptions)
        .concurrency(concurrency)
        .rate(rate)
        .timeLimit(timeLimit)
        .nemesis(nemesis)
        .nemesisInterval(nemesisInterval)
        .nemesisOptions(nemesisOptions)
        .opTimeout(opTimeout)
        .toxiproxy(toxiproxy)
        .seed(seed)
        .checks(checks);
  }

  /** Builds specs; every setter has a sensible default. */
  public static final class Builder {
    private String name;
    private String sut = "raft";
    private Map<String, String> sutOptions = new TreeMap<>();
    private String cluster = "process";
    private Map<String, String> clusterOptions = new TreeMap<>();
    private int nodes = 5;
    private String workload = "register";
    private Map<String, String> workloadOptions = new TreeMap<>();
    private int concurrency = 10;
    private double rate = 100;
    private Duration timeLimit = Duration.ofSeconds(30);
    private List<String> nemesis = List.of();
    private Duration nemesisInterval = Duration.ofSeconds(5);
    private Map<String, String> nemesisOptions = new TreeMap<>();
    private Duration opTimeout = Duration.ofSeconds(2);
    private String toxiproxy;
    private long seed = System.nanoTime() & 0xFFFF_FFFFL;
    private Map<String, String> checks = new TreeMap<>();

    private Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder sut(String v) {
      sut = v;
      return this;
    }

    public Builder sutOptions(Map<String, String> v) {
      sutOptions = new TreeMap<>(v);
      return this;
    }

    public Builder sutOption(String key, String value) {
      sutOptions.put(key, value);
      return this;
    }

    public Builder cluster(String v) {
      cluster = v;
      return this;
    }

    public Builder clusterOptions(Map<String, String> v) {
      clusterOptions = new TreeMap<>(v);
      return this;
    }

    public Builder clusterOption(String key, String value) {
      clusterOptions.put(key, value);
      return this;
    }

    public Builder nodes(int v) {
      nodes = v;
      return this;
    }

    public Builder workload(String v) {
      workload = v;
      return this;
    }

    public Builder workloadOptions(Map<String, String> v) {
      workloadOptions = new TreeMap<>(v);
      return this;
    }

    public Builder workloadOption(String key, String value) {
      workloadOptions.put(key, value);
      return this;
    }

    public Builder concurrency(int v) {
      concurrency = v;
      return this;
    }

    public Builder rate(double v) {
      rate = v;
      return this;
    }

    public Builder timeLimit(Duration v) {
      timeLimit = v;
      return this;
    }

    public Builder nemesis(List<String> v) {
      nemesis = List.copyOf(v);
      return this;
    }

    public Builder nemesisInterval(Duration v) {
      nemesisInterval = v;
      return this;
    }

    public Builder nemesisOptions(Map<String, String> v) {
      nemesisOptions = new TreeMap<>(v);
      return this;
    }

    public Builder nemesisOption(String key, String value) {
      nemesisOptions.put(key, value);
      return this;
    }

    public Builder opTimeout(Duration v) {
      opTimeout = v;
      return this;
    }

    public Builder toxiproxy(String v) {
      toxiproxy = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder checks(Map<String, String> v) {
      checks = new TreeMap<>(v);
      return this;
    }

    /** Turns the check {@code name} on or off ({@code value} = {@code on} or {@code off}). */
    public Builder check(String name, String value) {
      checks.put(name, value);
      return this;
    }

    /** The spec; its name defaults to {@code <sut>-<workload>[-<faults>]}. */
    public TestSpec build() {
      String n =
          name != null
              ? name
              : sut + "-" + workload + (nemesis.isEmpty() ? "" : "-" + String.join("-", nemesis));
      return new TestSpec(
          n,
          sut,
          sutOptions,
          cluster,
          clusterOptions,
          nodes,
          workload,
          workloadOptions,
          concurrency,
          rate,
          timeLimit,
          nemesis,
          nemesisInterval,
          nemesisOptions,
          opTimeout,
          toxiproxy,
          seed,
          checks);
    }
  }
}
