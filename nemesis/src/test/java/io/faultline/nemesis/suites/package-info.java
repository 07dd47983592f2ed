/**
 * The nemesis suites that {@code mvn verify} runs, every run checked and stored under {@code results/runs/}:
 * {@code CorrectConfigurationIT}, the register workload against a 5-node cluster of the Raft store under each fault
 * family and all of them together, and the append and set workloads under all of them (every run VALID); and
 * {@code DetectionIT}, each of the store's deliberate bugs with the faults that expose it, from the detection matrix
 * of {@code io.faultline.nemesis.detect} (every run INVALID; with {@code -Pfull}, the correct store under the same
 * faults VALID).
 */
package io.faultline.nemesis.suites;
