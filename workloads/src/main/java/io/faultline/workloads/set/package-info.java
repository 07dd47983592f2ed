/**
 * The set workload, after Jepsen's: unique elements are added while faults happen, and only after healing is each set
 * read whole. It asks the bluntest durability question (is every acknowledged add still there?) without any read
 * during the faults to muddy the answer, and tells lost elements from recovered ones.
 */
package io.faultline.workloads.set;
