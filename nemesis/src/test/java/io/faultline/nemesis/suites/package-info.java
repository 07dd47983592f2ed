/**
 * The nemesis suites that {@code mvn verify} runs, every run checked and stored under {@code results/runs/}:
 * {@code CorrectConfigurationIT}, the register workload against a 5-node cluster of the Raft store under each fault
 * family and all of them together, and the append and set workloads under all of them (every run VALID); and
 * {@code DetectionIT}, each of the store's deliberate bugs with the faults that expose it, from the detection matrix
 * of {@code io.faultline.workloads.raft.detect} (every run INVALID; with {@code -Pfull}, the correct store under the same
 * faults VALID);
 * {@code EtcdIT}, etcd as a system nobody here wrote: linearizable reads under each fault family but clock (VALID),
 * serializable reads under partitions that isolate a member (INVALID, with the stale read), skipped where etcd is not
 * installed; and, tagged {@code docker} and skipped where no Docker engine answers, {@code DockerIT} (one run per
 * fault family and one detection run, on containers), {@code DockerBadInputIT}, {@code DockerImagesIT} and
 * {@code DockerNodesIT}. With {@code -Dfaultline.cluster=docker}, every suite that runs through
 * {@code Faultline.run} uses the docker backend.
 */
package io.faultline.nemesis.suites;
