/**
 * Disk faults: a node loses power and every write it had not made durable is gone, or a stopped node's newest data
 * file is damaged (bits flipped, a range zeroed, the file cut short).
 *
 * <p>{@link io.faultline.nemesis.disk.DiskNemesis} acts through the cluster's
 * {@link io.faultline.harness.spi.db.DiskFaultable} capability; the mechanism (Faultline's lazy file system between
 * each node and its files) is the cluster backend's, so any system under test gets these faults by naming its data
 * files. {@link io.faultline.nemesis.disk.Damage} is one damage to one file, drawn from the seed and recorded in the
 * op's value. {@link io.faultline.nemesis.disk.DiskFamily} declares the family and builds its package.
 */
package io.faultline.nemesis.disk;
