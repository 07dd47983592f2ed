package io.faultline.harness.db;

import java.util.Optional;

/** A consensus system that can say which node leads, for faults aimed at the leader. */
public interface HasLeader {

  /** The node that currently leads, as a majority of reachable nodes report it; empty when there is none. */
  Optional<String> leader();
}
