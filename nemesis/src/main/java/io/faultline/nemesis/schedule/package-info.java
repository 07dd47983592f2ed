/**
 * Fault schedules. Targeted ones ({@code Schedules}, {@code LeaseSchedules}): fixed sequences of the families' own
 * ops (partitions, kills, packet faults, clock steps, leadership transfers) that reach an interleaving a random mix
 * reaches too rarely, named by the nemesis option {@code schedule}. They are scenarios a user would run against any
 * system with a leader; the store-specific part of some (the intervals and election timeouts they assume) comes
 * from the test's spec. The default mix ({@code GenericMix}, {@code --nemesis all}): episodes of every family's
 * faults, aimed at random nodes and at the leader, flapping, rolling, and each targeted schedule as a scenario among
 * them, with healthy windows between.
 */
package io.faultline.nemesis.schedule;
