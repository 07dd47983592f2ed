/**
 * The linearizability checker: Wing and Gong's search as improved by Lowe ("Testing for linearizability", 2017), the
 * algorithm of Knossos' {@code wgl} and of Porcupine.
 *
 * <p>A history becomes a doubly linked list of call and return entries in real-time order. The search walks the
 * list: at a call it tries to linearize the operation now (apply it to the model and lift its call and return out of
 * the list); at a return it has met an operation that should already be linearized, so it backtracks. A cache of
 * (set of linearized operations, model state) pairs prunes configurations already explored, which is what makes the
 * search practical. Operations that are indeterminate have their return at infinity: they may take effect at any
 * later point, or never, and the history is linearizable once every completed operation is linearized.
 *
 * <p>A model that can split a history (P-compositionality) has each part searched independently ({@code
 * PartSearch}); the parts take turns on all cores ({@code PartTurns}), and the first invalid part cancels the others.
 * Every search is bounded by a deadline, a memory budget for its cache, and the heap itself ({@code HeapWatch}: 90%
 * full after a major collection, as Knossos), and ends in "unknown" with the cause rather than hanging or running out
 * of heap.
 */
package io.faultline.harness.checker.linear;
