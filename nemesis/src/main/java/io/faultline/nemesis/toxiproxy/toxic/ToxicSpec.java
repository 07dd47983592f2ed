package io.faultline.nemesis.toxiproxy.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One toxic as the API sees it: immutable. An update makes a new instance, and connections tell an updated toxic
 * from an unchanged one by identity, so that toxicity is rolled again on every update, as Toxiproxy does.
 *
 * @param name unique across both streams of a proxy
 * @param type what the toxic does
 * @param stream the stream it acts on
 * @param toxicity the probability, rolled once per connection, that the toxic acts on that connection
 * @param attributes every attribute key of {@code type}, in order
 */
public record ToxicSpec(
    String name, ToxicType type, Direction stream, float toxicity, Map<String, Long> attributes) {

  public ToxicSpec {
    Map<String, Long> all = new LinkedHashMap<>();
    for (String key : type.attributeKeys()) {
      all.put(key, attributes.getOrDefault(key, 0L));
    }
    attributes = Collections.unmodifiableMap(all);
  }

  /** The value of one attribute of this toxic's type. */
  public long attribute(String key) {
    Long value = attributes.get(key);
    if (value == null) {
      throw new IllegalArgumentException(type.wireName() + " has no attribute " + key);
    }
    return value;
  }

  /** A copy with {@code changes} merged into the attributes (unknown keys are ignored) and a new toxicity. */
  public ToxicSpec updated(Map<String, Long> changes, float newToxicity) {
    Map<String, Long> merged = new LinkedHashMap<>(attributes);
    changes.forEach((k, v) -> merged.computeIfPresent(k, (key, old) -> v));
    return new ToxicSpec(name, type, stream, newToxicity, merged);
  }
}
