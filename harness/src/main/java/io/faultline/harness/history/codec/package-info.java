/**
 * History file formats: reading and writing {@link io.faultline.harness.history.History} as JSON Lines (the native
 * {@code history.jsonl}, streamed by {@link io.faultline.harness.history.codec.JsonlHistoryWriter}), as Jepsen/Knossos
 * EDN (with Faultline's own EDN reader, {@link io.faultline.harness.history.codec.Edn}), and reading Jepsen's text
 * histories ({@code history.txt} and console logs).
 *
 * <p>{@link io.faultline.harness.history.codec.HistoryFormat} is the entry point: it names the formats, detects a
 * file's format, and reads or writes it. Every reader reports a bad input as a
 * {@link io.faultline.harness.history.MalformedHistoryException} whose one-line message names the file, the line and
 * the problem.
 */
package io.faultline.harness.history.codec;
