/**
 * The queue workload: unique publishes to one replicated stream during the faults, then a read of the whole stream
 * from every node, checked for lost, divergent, duplicated, unexpected and recovered messages.
 */
package io.faultline.workloads.queue;
