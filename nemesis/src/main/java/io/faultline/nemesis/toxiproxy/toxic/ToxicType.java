package io.faultline.nemesis.toxiproxy.toxic;

import java.util.List;
import java.util.Optional;

/**
 * The seven toxic types of the Toxiproxy API, each with the attribute keys it always reports (clients such as
 * toxiproxy-java read every key) and the factory of the stage that implements it on one connection's stream.
 */
public enum ToxicType {
  LATENCY("latency", List.of("latency", "jitter")),
  BANDWIDTH("bandwidth", List.of("rate")),
  SLOW_CLOSE("slow_close", List.of("delay")),
  TIMEOUT("timeout", List.of("timeout")),
  SLICER("slicer", List.of("average_size", "size_variation", "delay")),
  LIMIT_DATA("limit_data", List.of("bytes")),
  RESET_PEER("reset_peer", List.of("timeout"));

  private final String wireName;
  private final List<String> attributeKeys;

  ToxicType(String wireName, List<String> attributeKeys) {
    this.wireName = wireName;
    this.attributeKeys = attributeKeys;
  }

  /** The name the API uses, e.g. {@code slow_close}. */
  public String wireName() {
    return wireName;
  }

  /** Every attribute this type has, in the order responses list them; all default to 0. */
  public List<String> attributeKeys() {
    return attributeKeys;
  }

  /** Finds a type by its API name (exact match, as Toxiproxy does); empty when unknown. */
  public static Optional<ToxicType> parse(String wireName) {
    for (ToxicType t : values()) {
      if (t.wireName.equals(wireName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** A fresh stage for one stream of one connection, configured from {@code spec}. */
  public Stage newStage(ToxicSpec spec, StageContext ctx) {
    return switch (this) {
      case LATENCY -> new LatencyStage(ctx, spec.attribute("latency"), spec.attribute("jitter"));
      case BANDWIDTH -> new BandwidthStage(ctx, spec.attribute("rate"));
      case SLOW_CLOSE -> new SlowCloseStage(ctx, spec.attribute("delay"));
      case TIMEOUT -> new TimeoutStage(ctx, spec.attribute("timeout"));
      case SLICER ->
          new SlicerStage(
              ctx,
              spec.attribute("average_size"),
              spec.attribute("size_variation"),
              spec.attribute("delay"));
      case LIMIT_DATA -> new LimitDataStage(ctx, spec.attribute("bytes"));
      case RESET_PEER -> new ResetPeerStage(ctx, spec.attribute("timeout"));
    };
  }
}
