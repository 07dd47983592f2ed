/**
 * The nemesis suites that {@code mvn verify} runs: the register workload against a 5-node cluster of the Raft store
 * under each fault family and all of them together, every run checked and stored under {@code results/runs/}.
 */
package io.faultline.nemesis.suites;
