/**
 * The system under test as the harness sees it: a {@link io.faultline.harness.spi.db.Db} that sets a cluster up and tears
 * it down, and optional capabilities, each its own small interface detected with {@code instanceof} as in Jepsen:
 * {@link io.faultline.harness.spi.db.Killable}, {@link io.faultline.harness.spi.db.Pausable},
 * {@link io.faultline.harness.spi.db.ClockSkewable}, {@link io.faultline.harness.spi.db.HasLogs} and
 * {@link io.faultline.harness.spi.db.HasLeader}; and, for the checks that look below the clients' view,
 * {@link io.faultline.harness.spi.db.ReplicaDigests} and {@link io.faultline.harness.spi.db.LogPositions}.
 */
package io.faultline.harness.spi.db;
