package io.faultline.raft.sim;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Decides which messages between members get through: directed blocked links plus a random loss rate. */
public final class Firewall {
  private final Set<String> blocked = new HashSet<>();
  private double lossRate;

  /** Blocks both directions between the member and every other member. */
  public void isolate(String member, Collection<String> all) {
    for (String other : all) {
      if (!other.equals(member)) {
        drop(member, other);
        drop(other, member);
      }
    }
  }

  /** Splits the group: members of {@code side} can talk only among themselves. */
  public void split(Collection<String> side, Collection<String> all) {
    for (String a : all) {
      for (String b : all) {
        if (side.contains(a) != side.contains(b)) {
          drop(a, b);
        }
      }
    }
  }

  /** Blocks one direction. */
  public void drop(String from, String to) {
    blocked.add(from + "->" + to);
  }

  /** Removes every block and the loss rate. */
  public void heal() {
    blocked.clear();
    lossRate = 0;
  }

  public void lossRate(double rate) {
    this.lossRate = rate;
  }

  boolean allows(String from, String to, double dice) {
    return !blocked.contains(from + "->" + to) && dice >= lossRate;
  }
}
