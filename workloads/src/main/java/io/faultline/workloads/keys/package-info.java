/**
 * How workloads spread client threads over keys: a few threads share a key, and keys rotate after a bounded number of
 * operations, so that the checker sees many small per-key histories instead of one large one.
 */
package io.faultline.workloads.keys;
