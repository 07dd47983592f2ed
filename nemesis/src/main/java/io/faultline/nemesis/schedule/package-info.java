/**
 * Targeted fault schedules: fixed sequences of the families' own ops (partitions, kills, packet faults, clock steps)
 * that reach an interleaving a random mix reaches too rarely, named by the nemesis option {@code schedule}. They are
 * scenarios a user would run against any system with a leader; the store-specific part of one of them (the interval
 * of {@code ring-restart-voter}, which must match the store's election timeout) comes from the test's spec.
 */
package io.faultline.nemesis.schedule;
