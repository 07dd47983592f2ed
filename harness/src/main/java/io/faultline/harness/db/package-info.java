/**
 * The system under test as the harness sees it: a {@link io.faultline.harness.db.Db} that sets a cluster up and tears
 * it down, and optional capabilities, each its own small interface detected with {@code instanceof} as in Jepsen:
 * {@link io.faultline.harness.db.Killable}, {@link io.faultline.harness.db.Pausable},
 * {@link io.faultline.harness.db.ClockSkewable}, {@link io.faultline.harness.db.HasLogs} and
 * {@link io.faultline.harness.db.HasLeader}.
 */
package io.faultline.harness.db;
