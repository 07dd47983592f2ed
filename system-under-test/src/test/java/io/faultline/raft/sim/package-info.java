/**
 * In-JVM test fixtures: a whole Raft group on virtual time ({@link io.faultline.raft.sim.LocalCluster}) with a
 * {@link io.faultline.raft.sim.Firewall}, so scenarios and seeded fault schedules run in milliseconds and replay
 * exactly from their seed.
 */
package io.faultline.raft.sim;
