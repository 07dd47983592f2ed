/**
 * The append workload: per-key lists that only grow, by unique elements. Uniqueness is what makes the anomalies
 * nameable: an element read twice was applied twice (a retry the store did not deduplicate), an element that no one
 * appended was invented, and an acknowledged element missing from a later read was lost. On top of those
 * element-wise checks, each key's reads and appends must be linearizable against the {@code list-append} model.
 */
package io.faultline.workloads.append;
