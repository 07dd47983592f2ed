/**
 * The register workload, in the style of Jepsen's linearizable-register test: independent keys, each a
 * compare-and-set register, worked on by a few threads at a time. Keys rotate after a bounded number of operations, so
 * every per-key history stays small enough to check, and the checker splits the history per key
 * (P-compositionality) and checks the keys in parallel.
 */
package io.faultline.workloads.register;
