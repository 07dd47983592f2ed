package io.faultline.nemesis.toxiproxy.toxic;

import java.util.Locale;
import java.util.Optional;

/**
 * The stream a toxic acts on. {@code UPSTREAM} carries bytes from the client to the server, {@code DOWNSTREAM} from
 * the server back to the client.
 */
public enum Direction {
  UPSTREAM,
  DOWNSTREAM;

  /** The name the API uses: {@code upstream} or {@code downstream}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an API stream name, ignoring case; empty when it is neither stream. */
  public static Optional<Direction> parse(String wireName) {
    for (Direction d : values()) {
      if (d.wireName().equalsIgnoreCase(wireName)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
